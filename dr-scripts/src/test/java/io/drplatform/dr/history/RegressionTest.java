package io.drplatform.dr.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule: more than 1.5 x the median of the previous five runs; at least three earlier runs. Medians by hand. */
class RegressionTest {

    @Test
    void threeEarlierRunsGiveABaselineAndOnlyMoreThanOneAndAHalfTimesItsMedianRegresses() {
        // median of 10, 12, 11 is 11; 1.5 x 11 = 16.5
        List<Double> earlier = List.of(10.0, 12.0, 11.0);
        assertThat(Regression.check(16.5, earlier)).isEqualTo(new Regression(3, 11.0, false));
        assertThat(Regression.check(16.6, earlier)).isEqualTo(new Regression(3, 11.0, true));
    }

    @Test
    void anEvenNumberOfEarlierRunsTakesTheMeanOfTheMiddleTwo() {
        // median of 10, 20, 30, 40 is 25; 1.5 x 25 = 37.5
        List<Double> earlier = List.of(40.0, 10.0, 30.0, 20.0);
        assertThat(Regression.check(37.0, earlier).regressed()).isFalse();
        assertThat(Regression.check(38.0, earlier)).isEqualTo(new Regression(4, 25.0, true));
    }

    @Test
    void onlyThePreviousFiveRunsCount() {
        // previous five: 5, 6, 7, 8, 9 -> median 7, threshold 10.5. Over all seven the median would be 8
        // (threshold 12) and 11 would pass.
        List<Double> earlier = List.of(100.0, 100.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        assertThat(Regression.check(11.0, earlier)).isEqualTo(new Regression(5, 7.0, true));
    }

    @Test
    void fewerThanThreeEarlierRunsGiveNoVerdict() {
        assertThat(Regression.check(1000.0, List.of(1.0, 1.0))).isEqualTo(new Regression(2, null, false));
        assertThat(Regression.check(1000.0, List.of())).isEqualTo(new Regression(0, null, false));
    }

    @Test
    void withNoDataLostBeforeAnyLossIsARegression() {
        // median of 0, 0, 0 is 0: any window above 0 exceeds 1.5 x 0
        assertThat(Regression.check(0.5, List.of(0.0, 0.0, 0.0)).regressed()).isTrue();
        assertThat(Regression.check(0.0, List.of(0.0, 0.0, 0.0)).regressed()).isFalse();
    }
}
