package io.drplatform.dr.history;

/** An environment's {@code dr.rtoSeconds} and {@code dr.rpoSeconds} from the manifest; null where it sets none. */
public record Objectives(Integer rtoSeconds, Integer rpoSeconds) {
    public static final Objectives NONE = new Objectives(null, null);
}
