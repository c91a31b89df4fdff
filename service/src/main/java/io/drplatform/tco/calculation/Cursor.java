package io.drplatform.tco.calculation;

import io.drplatform.tco.calculator.FieldError;
import io.drplatform.tco.calculator.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Keyset position (created_at, id) of the last item of a page, as an opaque base64url token. Clients must not
 * parse it; the version prefix lets the format change later.
 */
record Cursor(Instant createdAt, UUID id) {
    private static final String VERSION = "v1";

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String raw = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("bad cursor");
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new Cursor(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidInputException(List.of(new FieldError("cursor", "is not a cursor returned by this API")));
        }
    }
}
