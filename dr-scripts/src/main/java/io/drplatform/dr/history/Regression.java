package io.drplatform.dr.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The regression rule: a measurement regressed when it is more than {@value #FACTOR} times the median of the
 * previous {@value #WINDOW} measured runs of the same scenario, provider and environment. With fewer than
 * {@value #WINDOW} earlier runs the median of those is used, from {@value #MINIMUM} on; with fewer there is no
 * baseline and no verdict (a median of one or two runs says more about those runs than about the drill).
 *
 * @param baselineRuns how many earlier runs the median was taken over (0 to {@value #WINDOW})
 * @param median the median of those, or null without a baseline
 * @param regressed the measurement exceeds {@value #FACTOR} x the median
 */
public record Regression(int baselineRuns, Double median, boolean regressed) {
    public static final int WINDOW = 5;
    public static final int MINIMUM = 3;
    public static final double FACTOR = 1.5;

    /** @param earlier the measured values of the earlier runs, oldest first */
    public static Regression check(double value, List<Double> earlier) {
        List<Double> window = earlier.subList(Math.max(0, earlier.size() - WINDOW), earlier.size());
        if (window.size() < MINIMUM) {
            return new Regression(window.size(), null, false);
        }
        double median = median(window);
        return new Regression(window.size(), median, value > FACTOR * median);
    }

    public boolean hasBaseline() {
        return median != null;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
