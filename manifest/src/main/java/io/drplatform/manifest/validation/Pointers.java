package io.drplatform.manifest.validation;

/** JSON pointers, the way rules and the loader name a place in a manifest tree. */
public final class Pointers {
    private Pointers() {}

    /** A key as one segment of a pointer ({@code ~} and {@code /} escaped). */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
