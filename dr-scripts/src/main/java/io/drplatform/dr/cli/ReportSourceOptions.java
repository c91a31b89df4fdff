package io.drplatform.dr.cli;

import io.drplatform.dr.aws.AwsClients;
import io.drplatform.dr.history.ReportBucket;
import io.drplatform.dr.history.ReportDirectory;
import io.drplatform.dr.history.ReportSource;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code dr history} and {@code dr status} read recorded drills from when they are kept in a bucket; without
 * {@code --bucket}, the report directory. No stack creates a drill-report bucket yet, so it is named here rather
 * than read from a published parameter.
 */
public class ReportSourceOptions {
    @Option(
            names = "--bucket",
            description =
                    "read the drill reports from this S3 bucket instead of the report directory (default: $DR_REPORT_BUCKET)",
            defaultValue = "${env:DR_REPORT_BUCKET}")
    String bucket;

    @Option(
            names = "--prefix",
            description = "key prefix of the reports in the bucket: <prefix><drill id>/report.json (default: none)",
            defaultValue = "")
    String prefix;

    @Option(
            names = "--bucket-region",
            description =
                    "region to address the bucket from; requests follow the bucket to its own (default: ${DEFAULT-VALUE})",
            defaultValue = "us-east-1")
    String bucketRegion;

    /** The source to read; {@code clients} is used only for a bucket. */
    ReportSource source(Path directory, AwsClients clients) {
        if (bucket == null || bucket.isBlank()) {
            return new ReportDirectory(directory);
        }
        return new ReportBucket(clients.s3(bucketRegion), bucket, prefix);
    }

    static AwsClients clients(String endpointUrl) {
        return new AwsClients(endpointUrl == null ? null : URI.create(endpointUrl));
    }
}
