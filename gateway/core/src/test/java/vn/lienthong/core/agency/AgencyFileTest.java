package vn.lienthong.core.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;

class AgencyFileTest {

    @TempDir
    Path folder;

    @Test
    void readsAgenciesWithCertificatesRelativeToTheFile() throws IOException {
        var ca = DemoCertificateAuthority.create("CA", Duration.ofDays(1));
        var key = ca.issueSigningKey("000.00.12.H53", "Sở", DemoCertificateAuthority.KeyType.EC_P256, Duration.ofDays(1));
        PemCertificates.write(folder.resolve("stnmt/certificate.pem"), key.certificate());
        Path file = write("""
                agencies:
                  - code: 000.00.12.H53
                    name: Sở Tài nguyên và Môi trường
                    delivery: { mode: push, endpoint: "https://stnmt.example/lienthong" }
                    certificates: [ stnmt/certificate.pem ]
                    api-token-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                  - code: 000.00.01.H53
                    name: Trung tâm
                    delivery: { mode: pull }
                """);

        List<AgencyRegistration> registrations = AgencyFile.read(file);

        assertThat(registrations).hasSize(2);
        Agency push = registrations.get(0).agency();
        assertThat(push.name()).isEqualTo("Sở Tài nguyên và Môi trường");
        assertThat(push.deliveryMode()).isEqualTo(DeliveryMode.PUSH);
        assertThat(push.endpoint()).isEqualTo(URI.create("https://stnmt.example/lienthong"));
        assertThat(push.signsWith(PemCertificates.fingerprint(key.certificate()))).isTrue();
        assertThat(push.pushProtocol()).as("the default").isEqualTo(PushProtocol.REST);
        assertThat(registrations.get(1).agency().deliveryMode()).isEqualTo(DeliveryMode.PULL);
        assertThat(registrations.get(1).apiTokenSha256()).isNull();
    }

    @Test
    void readsThePushProtocol() throws IOException {
        Path file = write("""
                agencies:
                  - code: 000.00.12.H53
                    name: Sở
                    delivery: { mode: push, endpoint: "https://stnmt.example/lienthong/receiver", push-protocol: soap }
                  - code: 000.00.13.H53
                    name: Sở khác
                    delivery: { mode: push, endpoint: "https://other.example/lienthong", push-protocol: REST }
                """);
        List<AgencyRegistration> registrations = AgencyFile.read(file);
        assertThat(registrations.get(0).agency().pushProtocol()).isEqualTo(PushProtocol.SOAP);
        assertThat(registrations.get(1).agency().pushProtocol()).isEqualTo(PushProtocol.REST);
    }

    @Test
    void unknownPushProtocolIsRefusedNamingTheAgency() throws IOException {
        Path file = write("""
                agencies:
                  - code: 000.00.12.H53
                    name: Sở
                    delivery: { mode: push, endpoint: "https://stnmt.example/lienthong", push-protocol: ftp }
                """);
        assertThatThrownBy(() -> AgencyFile.read(file)).hasMessageContaining("000.00.12.H53")
                .hasMessageContaining("push-protocol must be rest or soap, not ftp");
    }

    @Test
    void pushWithoutEndpointIsRefusedNamingTheAgency() throws IOException {
        Path file = write("""
                agencies:
                  - code: 000.00.12.H53
                    name: Sở
                    delivery: { mode: push }
                """);
        assertThatThrownBy(() -> AgencyFile.read(file)).hasMessageContaining("000.00.12.H53").hasMessageContaining("endpoint");
    }

    @Test
    void misspelledKeyIsRefused() throws IOException {
        Path file = write("""
                agencies:
                  - code: 000.00.12.H53
                    name: Sở
                    delivery: { mode: pull }
                    api-token-sha265: abc
                """);
        assertThatThrownBy(() -> AgencyFile.read(file)).hasMessageContaining("api-token-sha265");
    }

    @Test
    void missingCertificateFileIsNamed() throws IOException {
        Path file = write("""
                agencies:
                  - code: 000.00.12.H53
                    name: Sở
                    delivery: { mode: pull }
                    certificates: [ nowhere.pem ]
                """);
        assertThatThrownBy(() -> AgencyFile.read(file)).hasMessageContaining("nowhere.pem");
    }

    private Path write(String yaml) throws IOException {
        Path file = folder.resolve("agencies.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
