package vn.lienthong.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import vn.lienthong.broker.BrokerConfiguration;
import vn.lienthong.core.CoreConfiguration;
import vn.lienthong.rest.RestConfiguration;

/** Starts the gateway: the core, the broker adapter and the REST adapter, wired explicitly. */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
@Import({CoreConfiguration.class, BrokerConfiguration.class, RestConfiguration.class})
public class LienthongApplication {

    public static void main(String[] args) {
        SpringApplication.run(LienthongApplication.class, args);
    }
}
