package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Recorded drills in time order, each compared with its objectives and with the earlier runs of its series. */
public final class DrillHistory {
    private final List<HistoryRow> rows;

    private DrillHistory(List<HistoryRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /** @param objectives an environment's objectives, by environment id */
    public static DrillHistory of(List<RecordedDrill> drills, Function<String, Objectives> objectives) {
        List<RecordedDrill> ordered = new ArrayList<>(drills);
        ordered.sort(Comparator.comparing((RecordedDrill d) -> d.report().startedAt())
                .thenComparing(d -> d.report().drillId(), Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<SeriesKey, List<Double>> earlierRto = new HashMap<>();
        Map<SeriesKey, List<Double>> earlierRpo = new HashMap<>();
        List<HistoryRow> rows = new ArrayList<>();
        for (RecordedDrill drill : ordered) {
            DrillReport r = drill.report();
            SeriesKey key = SeriesKey.of(r);
            Double rto = r.rto() == null ? null : r.rto().seconds();
            Double rpo = r.rpo() == null ? null : r.rpo().windowSeconds();
            rows.add(new HistoryRow(
                    drill,
                    rto,
                    rpo,
                    objectives.apply(r.environment()),
                    compare(rto, earlierRto.computeIfAbsent(key, k -> new ArrayList<>())),
                    compare(rpo, earlierRpo.computeIfAbsent(key, k -> new ArrayList<>()))));
        }
        return new DrillHistory(rows);
    }

    /** Compares with the earlier measurements, then adds this one to them. */
    private static Regression compare(Double value, List<Double> earlier) {
        if (value == null) {
            return null;
        }
        Regression regression = Regression.check(value, earlier);
        earlier.add(value);
        return regression;
    }

    public List<HistoryRow> rows() {
        return rows;
    }

    /** Only the rows matching the filters (null matches all), keeping each row's comparison with its full series. */
    public DrillHistory only(String scenario, String provider, String environment) {
        return new DrillHistory(rows.stream()
                .filter(r -> scenario == null || scenario.equals(r.report().scenario()))
                .filter(r -> provider == null || provider.equals(r.report().provider()))
                .filter(r ->
                        environment == null || environment.equals(r.report().environment()))
                .toList());
    }

    /** The newest run of each series, in order of first appearance. */
    public Map<SeriesKey, HistoryRow> latest() {
        Map<SeriesKey, HistoryRow> latest = new LinkedHashMap<>();
        rows.forEach(r -> latest.put(r.series(), r));
        return latest;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
