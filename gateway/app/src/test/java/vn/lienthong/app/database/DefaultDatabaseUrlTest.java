package vn.lienthong.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The default {@code spring.datasource.url}, opened as the gateway opens it, on a real H2 database. */
class DefaultDatabaseUrlTest {

    @TempDir
    Path dataDir;

    /**
     * Spring interrupts the tasks of the schedulers it stops, and one of them may be reading the
     * database: with a plain file URL that closed H2's file for every thread, and each later
     * statement of the gateway's stop failed.
     */
    @Test
    void aThreadInterruptedWhileItUsesTheDatabaseDoesNotCloseItForTheOthers() throws Exception {
        String url = defaultUrl();
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
             Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE page(id INT PRIMARY KEY, body VARCHAR(1000))");
            statement.execute("INSERT INTO page SELECT *, REPEAT('a', 900) FROM SYSTEM_RANGE(1, 20000)");
        }
        List<SQLException> failures = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeQuery("SELECT SUM(LENGTH(body)) FROM page WHERE MOD(id, 7) = " + i % 7).close();
                        statement.execute("UPDATE page SET body = REPEAT('b', 900) WHERE id = " + (i + 1));
                    } catch (SQLException e) {
                        failures.add(e);
                    }
                    Thread.interrupted();
                }
            });
            worker.start();
            while (worker.isAlive()) {
                worker.interrupt();
                Thread.sleep(1);
            }
            worker.join();
        }

        assertThat(failures).isEmpty();
        try (Connection other = DriverManager.getConnection(url, "sa", "");
             ResultSet count = other.createStatement().executeQuery("SELECT COUNT(*) FROM page WHERE body LIKE 'b%'")) {
            assertThat(count.next()).isTrue();
            assertThat(count.getInt(1)).isEqualTo(1000);
        }
    }

    private String defaultUrl() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yml"));
        String url = String.valueOf(sources.get(0).getProperty("spring.datasource.url"));
        assertThat(url).contains("${lienthong.data-dir}");
        return url.replace("${lienthong.data-dir}", dataDir.toString());
    }
}
