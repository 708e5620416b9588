package vn.lienthong.example.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.envelope.AllowedTime;
import vn.lienthong.example.department.DepartmentProperties.Mode;

/** The demo profiles bind to typed settings, defaults filled in. */
class DepartmentPropertiesTest {

    @Test
    void landOfficeIsPushedToAndHandsOnToFinance() {
        DepartmentProperties settings = DemoSettings.landOffice();

        assertThat(settings.agency()).isEqualTo("000.01.12.H53");
        assertThat(settings.mode()).isEqualTo(Mode.PUSH);
        assertThat(settings.gateway()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(settings.key().file()).isEqualTo(Path.of("data/demo/000.01.12.H53/signing-key.p12"));
        assertThat(settings.processingTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.handOn().to()).isEqualTo("000.00.05.H53");
        assertThat(settings.handOn().step().unit()).isEqualTo(AllowedTime.Unit.WORKING_DAYS);
        assertThat(settings.result().status()).isEqualTo(9);
    }

    @Test
    void financePullsAndReturnsItsResult() {
        DepartmentProperties settings = DemoSettings.finance();

        assertThat(settings.agency()).isEqualTo("000.00.05.H53");
        assertThat(settings.mode()).isEqualTo(Mode.PULL);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.handOn()).isNull();
        assertThat(settings.result().status()).isNull();
        assertThat(settings.result().note()).isNotBlank();
    }
}
