package io.drplatform.dr.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The region=value lists on-call types into the environment: a typo is an error, not a gap. */
class RegionPairsTest {

    @Test
    void tunnelsAreReadWithSpacesAndEmptyEntriesIgnored() {
        RegionDatabases.Settings settings = RegionDatabases.Settings.fromEnvironment(Map.of(
                "DR_DB_TUNNELS",
                " us-east-1=127.0.0.1:15432, ,us-west-2=127.0.0.1:15433",
                "DR_DB_SSLMODE",
                "verify-full"));

        assertThat(settings.tunnels())
                .containsOnly(Map.entry("us-east-1", "127.0.0.1:15432"), Map.entry("us-west-2", "127.0.0.1:15433"));
        assertThat(settings.sslMode()).isEqualTo("verify-full");
        assertThat(RegionDatabases.Settings.fromEnvironment(Map.of()).sslMode()).isEqualTo("require");
    }

    @Test
    void aTunnelWithoutRegionOrPortIsAnErrorNamingTheEntry() {
        assertThatThrownBy(() -> RegionDatabases.Settings.fromEnvironment(Map.of("DR_DB_TUNNELS", "127.0.0.1:15432")))
                .hasMessage("DR_DB_TUNNELS entry '127.0.0.1:15432' is not region=host:port");
        assertThatThrownBy(
                        () -> RegionDatabases.Settings.fromEnvironment(Map.of("DR_DB_TUNNELS", "us-east-1=localhost")))
                .hasMessage("DR_DB_TUNNELS entry 'us-east-1=localhost' is not region=host:port");
    }

    @Test
    void anEntryWithoutAValueIsAnErrorToo() {
        assertThatThrownBy(() ->
                        RegionPairs.parse("us-west-2=https://a.example,eu-west-1=", "DR_ARC_ENDPOINTS", "region=url"))
                .hasMessage("DR_ARC_ENDPOINTS entry 'eu-west-1=' is not region=url");
    }
}
