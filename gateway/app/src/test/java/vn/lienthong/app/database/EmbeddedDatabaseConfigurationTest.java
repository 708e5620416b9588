package vn.lienthong.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/** Which databases get the file's sync and housekeeping: H2 in a file, and nothing else. */
class EmbeddedDatabaseConfigurationTest {

    @TempDir
    static Path folder;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Database.class, EmbeddedDatabaseConfiguration.class);

    @Test
    void anH2DatabaseInAFileIsSyncedAndCompacted() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:file:" + folder.resolve("gateway") + ";WRITE_DELAY=0")
                .run(context -> {
                    assertThat(context).hasSingleBean(H2File.class).hasSingleBean(H2Housekeeping.class);
                    assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(SyncingTransactionManager.class);
                    assertThat(context.getBean(H2Housekeeping.class).isRunning()).isTrue();
                });
    }

    @Test
    void otherDatabasesKeepSpringBootsTransactionManager() {
        for (String url : new String[] {"jdbc:h2:mem:gateway", "jdbc:h2:tcp://localhost/gateway",
                "jdbc:postgresql://localhost/lienthong"}) {
            runner.withPropertyValues("spring.datasource.url=" + url)
                    .run(context -> assertThat(context).doesNotHaveBean(H2File.class)
                            .doesNotHaveBean(PlatformTransactionManager.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Database {
        @Bean
        DataSource dataSource(org.springframework.core.env.Environment environment) {
            return new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"), "sa", "");
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }
}
