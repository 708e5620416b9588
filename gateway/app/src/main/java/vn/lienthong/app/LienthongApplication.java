package vn.lienthong.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import vn.lienthong.broker.BrokerConfiguration;
import vn.lienthong.core.CoreConfiguration;
import vn.lienthong.dvcqg.PortalConfiguration;
import vn.lienthong.rest.RestConfiguration;
import vn.lienthong.soap.SoapConfiguration;

/**
 * Starts the gateway: the core, the broker adapter, the REST adapter, the SOAP adapter and the
 * national portal adapter, wired explicitly.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
@Import({CoreConfiguration.class, BrokerConfiguration.class, RestConfiguration.class, SoapConfiguration.class,
        PortalConfiguration.class})
public class LienthongApplication {

    public static void main(String[] args) {
        SpringApplication.run(LienthongApplication.class, args);
    }
}
