package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The {@code json-logs} profile switches console logging to structured JSON (ECS), whose
 * formatter writes the MDC, and so the envelope ids, with every line. Starting a gateway in a
 * process of its own to read its console would cost far more than it proves; that the MDC
 * carries the ids is {@link MonitoringIT}'s part.
 */
class JsonLogsProfileTest {

    @Test
    void profileSetsStructuredConsoleLogging() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("json-logs",
                new ClassPathResource("application-json-logs.yml"));
        assertThat(sources).singleElement().satisfies(source ->
                assertThat(source.getProperty("logging.structured.format.console")).hasToString("ecs"));
    }
}
