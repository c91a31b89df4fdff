package io.drplatform.dr.history;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.BitSet;

/**
 * The days a five-field cron line ({@code minute hour day-of-month month day-of-week}, as GitHub Actions reads it)
 * fires on, and the longest wait between two of them. Numbers, {@code *}, ranges, lists and steps; day-of-month
 * and day-of-week match either when both are restricted, as cron does.
 */
public final class CronDays {
    /** Four years from a fixed start: every month length and one leap year, so the result does not drift. */
    private static final LocalDate SCAN_FROM = LocalDate.of(2024, 1, 1);

    private static final int SCAN_YEARS = 4;

    private final String expression;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;

    private CronDays(String expression, String[] fields) {
        this.expression = expression;
        this.daysOfMonth = field(fields[2], 1, 31);
        this.months = field(fields[3], 1, 12);
        BitSet dow = field(fields[4], 0, 7);
        if (dow.get(7)) {
            dow.set(0); // 7 is Sunday too
        }
        this.daysOfWeek = dow;
        this.domRestricted = !fields[2].equals("*");
        this.dowRestricted = !fields[4].equals("*");
    }

    public static CronDays parse(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron '" + expression + "' has " + fields.length
                    + " fields, expected 5 (minute hour day month weekday)");
        }
        field(fields[0], 0, 59);
        field(fields[1], 0, 23);
        return new CronDays(expression, fields);
    }

    public boolean firesOn(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(
                day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    /** The most days between two consecutive firing days (31 for monthly on the 1st, 92 for quarterly). */
    public long longestGapDays() {
        LocalDate previous = null;
        long longest = 0;
        LocalDate end = SCAN_FROM.plusYears(SCAN_YEARS);
        for (LocalDate d = SCAN_FROM; d.isBefore(end); d = d.plusDays(1)) {
            if (firesOn(d)) {
                if (previous != null) {
                    longest = Math.max(longest, d.toEpochDay() - previous.toEpochDay());
                }
                previous = d;
            }
        }
        if (previous == null) {
            throw new IllegalArgumentException("cron '" + expression + "' never fires");
        }
        return longest == 0 ? 365L * SCAN_YEARS : longest;
    }

    private static BitSet field(String field, int min, int max) {
        BitSet values = new BitSet(max + 1);
        for (String item : field.split(",")) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), 1, max, field);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), min, max, field);
                to = number(range.substring(range.indexOf('-') + 1), min, max, field);
            } else {
                from = number(range, min, max, field);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String text, int min, int max, String field) {
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(
                        "cron field '" + field + "': " + v + " is outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cron field '" + field + "': '" + text
                    + "' is not a number (names such as MON or JAN are not read)");
        }
    }
}
