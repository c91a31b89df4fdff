package io.drplatform.dr.aws;

import io.drplatform.dr.provider.Alarms;
import io.drplatform.manifest.contract.PlatformParameters;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** The stop-condition alarms each region publishes ({@link PlatformParameters#STOP_ALARMS}), read from CloudWatch. */
final class AwsAlarms implements Alarms {
    private final AwsDeployment aws;

    AwsAlarms(AwsDeployment aws) {
        this.aws = aws;
    }

    @Override
    public List<String> firing() {
        List<String> firing = new ArrayList<>();
        for (String region : List.of(aws.activeRegion(), aws.standbyRegion())) {
            List<String> names = aws.resources(region).list(PlatformParameters.STOP_ALARMS);
            if (names.isEmpty()) {
                continue;
            }
            for (MetricAlarm alarm : aws.clients
                    .cloudWatch(region)
                    .describeAlarms(DescribeAlarmsRequest.builder()
                            .alarmNames(names)
                            .stateValue(StateValue.ALARM)
                            .build())
                    .metricAlarms()) {
                firing.add(region + "/" + alarm.alarmName());
            }
        }
        return firing;
    }
}
