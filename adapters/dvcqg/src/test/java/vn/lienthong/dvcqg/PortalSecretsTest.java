package vn.lienthong.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static vn.lienthong.dvcqg.PortalRecordsFixture.dossier;
import static vn.lienthong.dvcqg.PortalRecordsFixture.sync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.lienthong.dvcqg.simulator.PortalSimulator;
import vn.lienthong.dvcqg.simulator.SimulatorMode;

/**
 * Sends the password and sessions through everything that can go wrong (expiry, refusals,
 * wrong credentials, a portal that echoes a value) with every log at its most verbose; result:
 * neither the password nor any session appears in a log line, an exception, or the settings' text.
 */
class PortalSecretsTest {

    private final PortalSimulator simulator = PortalSimulator.start(PortalSimulator.Settings.of(0, PortalClientTest.ACCOUNT));
    private final ListAppender<ILoggingEvent> clientLog = new ListAppender<>();
    private final Logger adapterLogger = (Logger) LoggerFactory.getLogger("vn.lienthong");
    private final java.util.logging.Logger simulatorLogger = java.util.logging.Logger.getLogger(PortalSimulator.class.getName());
    private final List<String> simulatorLines = new ArrayList<>();
    private final Handler simulatorHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            simulatorLines.add(new SimpleFormatter().format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        clientLog.start();
        adapterLogger.addAppender(clientLog);
        adapterLogger.setLevel(Level.TRACE);
        simulatorLogger.addHandler(simulatorHandler);
        simulatorLogger.setLevel(java.util.logging.Level.ALL);
    }

    @AfterEach
    void release() {
        adapterLogger.detachAppender(clientLog);
        adapterLogger.setLevel(null);
        simulatorLogger.removeHandler(simulatorHandler);
        simulator.close();
    }

    @Test
    void neitherPasswordNorSessionIsEverWrittenAnywhere() {
        String password = PortalClientTest.ACCOUNT.password();
        PortalProperties properties = PortalClientTest.properties(simulator.baseUri(), password, Duration.ofSeconds(5),
                List.of(401));
        PortalClient client = new PortalClient(properties);
        List<Throwable> failures = new ArrayList<>();

        client.send(sync(dossier(PortalClientTest.CODE, 4)));
        simulator.mode(SimulatorMode.sessionExpired());
        client.send(sync(dossier(PortalClientTest.CODE, 9)));
        simulator.mode(SimulatorMode.down());
        failures.add(catchThrowable(() -> client.send(sync(dossier(PortalClientTest.CODE, 4)))));
        simulator.mode(SimulatorMode.NORMAL);
        PortalClient wrongPassword = new PortalClient(PortalClientTest.properties(simulator.baseUri(),
                password + "-old", Duration.ofSeconds(5), List.of(401)));
        failures.add(catchThrowable(() -> wrongPassword.send(sync(dossier(PortalClientTest.CODE, 4)))));
        // From here the client sends the secrets as field values, which the simulator's refusal
        // quotes back: its own log then holds them, as it holds whatever a caller sends.
        List<String> simulatorLog = List.copyOf(simulatorLines);
        Map<String, Object> echoingPassword = dossier(PortalClientTest.CODE, 4);
        echoingPassword.put("NgayHenTra", password);
        failures.add(catchThrowable(() -> client.send(sync(echoingPassword))));
        String session = simulator.issuedSessions().get(1);
        Map<String, Object> echoingSession = dossier(PortalClientTest.CODE, 4);
        echoingSession.put("NgayTiepNhan", session);
        failures.add(catchThrowable(() -> client.send(sync(echoingSession))));

        assertThat(failures).doesNotContainNull().hasSize(4);
        List<String> secrets = new ArrayList<>(simulator.issuedSessions());
        secrets.add(password);
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
        List<String> written = new ArrayList<>(simulatorLog);
        clientLog.list.forEach(event -> written.add(event.getFormattedMessage()));
        failures.forEach(failure -> written.add(stackTrace(failure)));
        written.add(properties.toString());
        written.add(PortalClientTest.ACCOUNT.toString());
                assertThat(clientLog.list).isNotEmpty();
        for (String secret : secrets) {
            assertThat(written).noneMatch(text -> text.contains(secret));
        }
        assertThat(failures.get(2)).hasMessageContaining("data[0].NgayHenTra: '***'");
        assertThat(failures.get(3)).hasMessageContaining("data[0].NgayTiepNhan: '***'");
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
