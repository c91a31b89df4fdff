package io.drplatform.dr.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CronDaysTest {

    @Test
    void monthlyOnTheFirstWaitsAtMostThirtyOneDays() {
        assertThat(CronDays.parse("0 6 1 * *").longestGapDays()).isEqualTo(31);
    }

    @Test
    void quarterlyOnTheFifteenthWaitsAtMostNinetyTwoDays() {
        // Jul 15 -> Oct 15 and Oct 15 -> Jan 15 are 92 days; the other quarters 90 or 91
        assertThat(CronDays.parse("0 7 15 1,4,7,10 *").longestGapDays()).isEqualTo(92);
    }

    @Test
    void rangesStepsAndWeekdays() {
        assertThat(CronDays.parse("0 3 * * 1").longestGapDays()).isEqualTo(7);
        assertThat(CronDays.parse("*/15 * * * *").longestGapDays()).isEqualTo(1);
        // every other month from January: Nov 1 -> Jan 1 is 61 days
        assertThat(CronDays.parse("0 0 1 */2 *").longestGapDays()).isEqualTo(62);
        CronDays weekdays = CronDays.parse("0 9 * * 1-5");
        assertThat(weekdays.firesOn(LocalDate.of(2026, 12, 4))).isTrue(); // a Friday
        assertThat(weekdays.firesOn(LocalDate.of(2026, 12, 5))).isFalse(); // a Saturday
        assertThat(CronDays.parse("0 9 * * 7").firesOn(LocalDate.of(2026, 12, 6)))
                .isTrue(); // 7 is Sunday
    }

    @Test
    void dayOfMonthAndWeekdayBothRestrictedMatchEither() {
        CronDays either = CronDays.parse("0 0 13 * 5");
        assertThat(either.firesOn(LocalDate.of(2026, 12, 13))).isTrue(); // the 13th, a Sunday
        assertThat(either.firesOn(LocalDate.of(2026, 12, 4))).isTrue(); // a Friday
        assertThat(either.firesOn(LocalDate.of(2026, 12, 5))).isFalse();
    }

    @Test
    void whatItCannotReadIsRefusedByName() {
        assertThatThrownBy(() -> CronDays.parse("0 6 1 *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 fields");
        assertThatThrownBy(() -> CronDays.parse("0 6 1 JAN *")).hasMessageContaining("'JAN' is not a number");
        assertThatThrownBy(() -> CronDays.parse("0 6 32 * *")).hasMessageContaining("32 is outside 1-31");
        assertThatThrownBy(() -> CronDays.parse("0 6 31 2 *").longestGapDays()).hasMessageContaining("never fires");
    }
}
