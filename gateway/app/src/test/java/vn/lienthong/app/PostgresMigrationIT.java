package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.lienthong.core.CoreConfiguration;

/**
 * The gateway's Flyway migrations on a real PostgreSQL server: they apply to an empty
 * database, validate afterwards, and give the same tables and columns as on H2.
 */
class PostgresMigrationIT {

    /** Migrates a fresh PostgreSQL database / result: every migration applies, validates, and a second run has nothing to do. */
    @Test
    void migrationsApplyAndValidateOnPostgres() {
        DataSource postgres = TestPostgres.dataSource(TestPostgres.newDatabase());

        MigrateResult result = flyway(postgres, true).migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isPositive();
        assertThat(flyway(postgres, true).validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway(postgres, true).migrate().migrationsExecuted).isZero();
        assertThat(JdbcClient.create(postgres).sql("""
                        SELECT data_type FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name = 'envelope' AND column_name = 'content'""")
                .query(String.class).single()).isEqualTo("bytea");
        assertThat(JdbcClient.create(postgres).sql("""
                        SELECT data_type FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name = 'envelope' AND column_name = 'accepted_at'""")
                .query(String.class).single()).isEqualTo("timestamp with time zone");
    }

    /** Migrates PostgreSQL and H2 (the gateway's default) / result: the same tables, columns and nullability. */
    @Test
    void postgresAndH2GetTheSameSchema() {
        DataSource postgres = TestPostgres.dataSource(TestPostgres.newDatabase());
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:migration-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");

        flyway(postgres, true).migrate();
        flyway(h2, false).migrate();

        assertThat(columns(postgres)).isNotEmpty().isEqualTo(columns(h2));
    }

    private static Flyway flyway(DataSource dataSource, boolean postgres) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .placeholders(CoreConfiguration.migrationPlaceholders(postgres)).load();
    }

    private static Set<String> columns(DataSource dataSource) {
        return new TreeSet<>(JdbcClient.create(dataSource).sql("""
                        SELECT LOWER(table_name), LOWER(column_name), is_nullable FROM information_schema.columns
                        WHERE LOWER(table_schema) = 'public' AND LOWER(table_name) <> 'flyway_schema_history'""")
                .query((rs, n) -> rs.getString(1) + "." + rs.getString(2) + " nullable=" + rs.getString(3))
                .list());
    }
}
