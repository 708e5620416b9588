package vn.lienthong.app.database;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * When the gateway runs on an embedded H2 database in a file (the default), its transactions
 * sync the file at commit and the file is compacted while the gateway runs (docs/OPERATIONS.md,
 * "The embedded database's file"). On PostgreSQL, or H2 in memory or over TCP, Spring Boot's own
 * transaction manager stays.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.OnEmbeddedH2File.class)
public class EmbeddedDatabaseConfiguration {

    @Bean
    H2File h2File(DataSource dataSource, MeterRegistry meters) {
        return H2File.of(dataSource, meters).orElseThrow(() -> new IllegalStateException(
                "spring.datasource.url names an H2 database in a file, but the database reached is not one"));
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, H2File file,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = new SyncingTransactionManager(dataSource, file);
        customizers.ifAvailable(customizer -> customizer.customize(manager));
        return manager;
    }

    @Bean
    H2Housekeeping h2Housekeeping(H2File file) {
        return new H2Housekeeping(file);
    }

    /** {@code spring.datasource.url} names an H2 database the gateway opens itself, in a file. */
    static final class OnEmbeddedH2File implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url", "").toLowerCase(Locale.ROOT);
            if (!url.startsWith("jdbc:h2:")) {
                return false;
            }
            String database = url.substring("jdbc:h2:".length());
            return !(database.startsWith("mem:") || database.startsWith("tcp:") || database.startsWith("ssl:")
                    || database.startsWith("zip:"));
        }
    }
}
