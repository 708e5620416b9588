package vn.lienthong.app;

import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lienthong.core.trust.TrustMaterial;

/**
 * The HTTPS connector with mutual TLS, when a TLS key store is configured. An empty value
 * ({@code LIENTHONG_TLS_KEYSTORE=}) switches it off, since the shipped configuration sets one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
@ConditionalOnExpression("!'${lienthong.tls.key-store:}'.isBlank()")
class TlsConfiguration {

    @Bean
    TlsConnector tlsConnector(TlsProperties properties, TrustMaterial trust) {
        Objects.requireNonNull(properties.keyStorePasswordFile(), "lienthong.tls.key-store-password-file is required");
        return new TlsConnector(properties, trust);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tlsConnectorCustomizer(TlsConnector connector) {
        return factory -> factory.addAdditionalConnectors(connector.connector());
    }
}
