package io.drplatform.dr.history;

import io.drplatform.dr.report.ReportWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reports kept in S3 with the layout {@code dr drill} writes locally: {@code <prefix><drill id>/report.json}.
 * Lists every page under the prefix and reads each {@code report.json}.
 */
public record ReportBucket(S3Client s3, String bucket, String prefix) implements ReportSource {

    @Override
    public List<RecordedDrill> read(List<String> skipped) throws IOException {
        List<RecordedDrill> drills = new ArrayList<>();
        ListObjectsV2Request list = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(prefix.isEmpty() ? null : prefix)
                .build();
        for (S3Object object : s3.listObjectsV2Paginator(list).contents()) {
            String key = object.key();
            if (!key.equals("report.json") && !key.endsWith("/report.json")) {
                continue;
            }
            byte[] json = s3.getObjectAsBytes(
                            GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asByteArray();
            ReportSource.keepIfPlaceable(ReportWriter.parse(json), "s3://" + bucket + "/" + key, drills, skipped);
        }
        return drills;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
