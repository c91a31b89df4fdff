package io.drplatform.tco.calculation;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids of new calculations: random (version 4) UUIDs from a DRBG. {@link UUID#randomUUID()} uses the platform's
 * NativePRNG, which reads /dev/urandom under one global lock, on the event loop that serves the request; the DRBG
 * reads entropy once, when it is seeded at start-up, and then generates in memory. Ids stay unpredictable.
 */
final class CalculationIds {
    private static final SecureRandom RANDOM = seeded();

    private CalculationIds() {}

    static UUID next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]); // seeds it now, not on the first request
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
