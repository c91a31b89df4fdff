package io.drplatform.dr.provider;

import java.util.List;

/** The stop-condition alarms of both regions. */
public interface Alarms {

    /** Names of stop-condition alarms firing now, as {@code region/name} on AWS. */
    List<String> firing() throws Exception;
}
