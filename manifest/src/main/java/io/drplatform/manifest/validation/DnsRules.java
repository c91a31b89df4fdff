package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.Deployment;
import io.drplatform.manifest.model.Dns;
import java.util.regex.Pattern;

/** The {@code dns} section: a hosted zone named by id, and the application's name inside it. */
final class DnsRules extends SectionRules {
    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");

    DnsRules(ProblemReport report) {
        super(report);
    }

    void check(Deployment d) {
        Dns dns = d.dns();
        if (dns == null) {
            report.problem(
                    "/dns",
                    "the dns section is missing",
                    "set hostedZoneName, hostedZoneId and domainName; synthesis never looks zones up");
            return;
        }
        require(dns.hostedZoneName(), "/dns/hostedZoneName", null);
        require(
                dns.hostedZoneId(),
                "/dns/hostedZoneId",
                "the id from the Route 53 console, e.g. Z0123456789ABCDEFGHIJ");
        require(dns.domainName(), "/dns/domainName", null);
        if (dns.hostedZoneId() != null
                && !HOSTED_ZONE_ID.matcher(dns.hostedZoneId()).matches()) {
            report.problem(
                    "/dns/hostedZoneId",
                    "`" + dns.hostedZoneId() + "` is not a Route 53 hosted zone id",
                    "ids start with Z followed by capital letters and digits");
        }
        dnsName(dns.hostedZoneName(), "hostedZoneName");
        dnsName(dns.domainName(), "domainName");
        if (dns.hostedZoneName() != null
                && dns.domainName() != null
                && !dns.domainName().equals(dns.hostedZoneName())
                && !dns.domainName().endsWith("." + dns.hostedZoneName())) {
            report.problem(
                    "/dns/domainName",
                    "`" + dns.domainName() + "` is not inside the hosted zone `" + dns.hostedZoneName() + "`",
                    "use a name ending in ." + dns.hostedZoneName());
        }
    }

    private void dnsName(String value, String key) {
        if (value != null && !Formats.DOMAIN.matcher(value).matches()) {
            report.problem(
                    "/dns/" + key,
                    "`" + value + "` is not a valid DNS name",
                    "lower-case labels separated by dots, without a trailing dot");
        }
    }
}
