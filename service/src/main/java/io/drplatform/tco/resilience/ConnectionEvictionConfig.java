package io.drplatform.tco.resilience;

import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wraps the auto-configured R2DBC pool in an {@link EvictingConnectionFactory} and evicts all pooled connections
 * whenever PostgreSQL answers that it is read-only (SQLSTATE 25006).
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionEvictionConfig {
    private static final Logger log = LoggerFactory.getLogger(ConnectionEvictionConfig.class);

    @Bean
    static BeanPostProcessor evictingConnectionFactoryWrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ConnectionFactory cf && !(bean instanceof EvictingConnectionFactory)) {
                    return new EvictingConnectionFactory(cf, 64);
                }
                return bean;
            }
        };
    }

    @Bean
    SmartInitializingSingleton evictOnReadOnly(
            ObjectProvider<DatabaseGateway> gateway, ObjectProvider<ConnectionFactory> factory) {
        return () -> {
            if (factory.getIfAvailable() instanceof EvictingConnectionFactory evicting) {
                gateway.getObject().onReadOnly(e -> {
                    log.warn("PostgreSQL answered read-only (SQLSTATE 25006): evicting pooled connections");
                    evicting.evictAll();
                });
            }
        };
    }
}
