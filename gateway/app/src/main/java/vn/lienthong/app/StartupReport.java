package vn.lienthong.app;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.lienthong.core.agency.AgencyRegistry;

/** Tells the operator, once the gateway is ready, where its API, data and demo material are. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final GatewayProperties properties;
    private final AgencyRegistry agencies;

    StartupReport(GatewayProperties properties, AgencyRegistry agencies) {
        this.properties = properties;
        this.agencies = agencies;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        Path data = properties.dataDir().toAbsolutePath().normalize();
        StringBuilder report = new StringBuilder("\n\n  lienthong gateway is ready\n")
                .append("  API          http://localhost:").append(port).append("/api/v1  (OpenAPI: /api/v1/openapi.yaml)\n")
                .append("  health       http://localhost:").append(port).append("/actuator/health\n")
                .append("  data folder  ").append(data).append('\n')
                .append("  agencies     ").append(agencies.all().size()).append(" registered\n");
        if (properties.demo().enabled()) {
            report.append("  demo         agencies, keys (password \"demo\") and API tokens in ").append(data.resolve("demo"))
                    .append("\n               gateway certificate for receipts: ").append(data.resolve("keys/gateway.pem"))
                    .append('\n');
        }
        log.info(report.toString());
    }
}
