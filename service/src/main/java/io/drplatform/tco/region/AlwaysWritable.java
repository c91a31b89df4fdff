package io.drplatform.tco.region;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/** Default {@link WriteGuard}: writes are always allowed (until a region-aware guard is defined). */
@Configuration(proxyBeanMethods = false)
public class AlwaysWritable {

  @Bean
  @ConditionalOnMissingBean
  WriteGuard writeGuard() {
    return Mono::empty;
  }
}
