package io.drplatform.dr.history;

import io.drplatform.dr.report.DrillReport;

/** One drill's {@code report.json} and where it was read from (a file or an S3 URI), for messages. */
public record RecordedDrill(DrillReport report, String location) {}
