package vn.lienthong.dvcqg;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lienthong.core.portal.NationalPortal;

/**
 * The national portal adapter: the {@link NationalPortal} client when
 * {@code lienthong.portal.enabled} is true, and none otherwise (the gateway then sends the
 * portal nothing).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PortalProperties.class)
public class PortalConfiguration {

    @Bean
    @ConditionalOnBooleanProperty("lienthong.portal.enabled")
    NationalPortal nationalPortal(PortalProperties properties) {
        return new PortalClient(properties);
    }
}
