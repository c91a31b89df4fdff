package io.drplatform.tco;

import io.drplatform.tco.migrate.MigrateCommand;
import io.drplatform.tco.ratelimit.RateLimitProperties;
import io.drplatform.tco.region.RegionProperties;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point: {@code java -jar service.jar} serves the API; {@code java -jar service.jar migrate} migrates. */
@SpringBootApplication
@EnableConfigurationProperties({RegionProperties.class, RateLimitProperties.class})
@EnableScheduling // the resilience snapshot line (ResilienceSnapshot)
public class TcoServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "migrate".equals(args[0])) {
            System.exit(MigrateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(TcoServiceApplication.class, args);
    }
}
