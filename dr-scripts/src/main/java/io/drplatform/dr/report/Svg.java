package io.drplatform.dr.report;

import java.util.Locale;

/** The few SVG elements the tool's charts are drawn with (the drill timeline, the drill history). */
public final class Svg {
    private Svg() {}

    public static String open(int width, int height) {
        return String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                        width,
                        height)
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    }

    public static String text(double x, double y, String content, String weight) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n",
                x,
                y,
                weight == null ? "" : " font-weight=\"" + weight + "\"",
                content);
    }

    public static String line(double x1, double y1, double x2, double y2, String stroke, String dash) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1,
                y1,
                x2,
                y2,
                stroke,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    /** A tick spacing that puts at most twelve ticks on an axis of this length. */
    public static double niceTick(double total) {
        for (double t : new double[] {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800}) {
            if (total / t <= 12) {
                return t;
            }
        }
        return 3600;
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
