package io.drplatform.manifest.validation;

import java.util.regex.Pattern;

/** Formats more than one section checks against. */
final class Formats {
    /** Application and service names: they end up in resource names. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,30}[a-z0-9]");

    static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    /** Load balancer and CloudFront path patterns. */
    static final Pattern ROUTE = Pattern.compile("/[A-Za-z0-9_\\-./*?]*");
    /** PostgreSQL and Redis versions, major.minor. */
    static final Pattern ENGINE_VERSION = Pattern.compile("\\d+\\.\\d+");

    private Formats() {}
}
