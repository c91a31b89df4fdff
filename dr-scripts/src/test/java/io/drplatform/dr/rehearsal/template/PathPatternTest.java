package io.drplatform.dr.rehearsal.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ALB path-pattern semantics as AWS documents them: case-sensitive, {@code *} spans {@code /}, {@code ?} is one character. */
class PathPatternTest {

    @Test
    void starMatchesAnyCharactersIncludingSlashes() {
        assertThat(PathPattern.of("/api/*").matches("/api/v1/calculations/42")).isTrue();
        assertThat(PathPattern.of("/v3/api-docs*").matches("/v3/api-docs/swagger-config"))
                .isTrue();
        assertThat(PathPattern.of("/swagger-ui*").matches("/swagger-ui.html")).isTrue();
        assertThat(PathPattern.of("/api/*").matches("/api")).isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertThat(PathPattern.of("/a?c").matches("/abc")).isTrue();
        assertThat(PathPattern.of("/a?c").matches("/ac")).isFalse();
        assertThat(PathPattern.of("/a?c").matches("/abbc")).isFalse();
    }

    @Test
    void matchingIsCaseSensitiveAndCoversTheWholePath() {
        assertThat(PathPattern.of("/api/*").matches("/API/v1")).isFalse();
        assertThat(PathPattern.of("/health/deep").matches("/health/deep")).isTrue();
        assertThat(PathPattern.of("/health/deep").matches("/health/deeper")).isFalse();
        assertThat(PathPattern.of("/a.c").matches("/abc"))
                .as("a dot is a dot, not any character")
                .isFalse();
    }
}
