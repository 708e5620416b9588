package vn.lienthong.example.department;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import vn.lienthong.client.envelope.AllowedTime;

/**
 * Everything the department needs to know, under {@code department.*} (examples/README.md lists
 * every key).
 *
 * @param agency the department's agency code, as registered at the gateway
 * @param officer the officer named as giver in the envelopes it sends, if any
 * @param gateway the gateway's base address
 * @param gatewayCertificate the gateway's certificate (PEM), to verify its receipts
 * @param tokenFile the file holding the agency's API token
 * @param key the agency's signing key
 * @param mode how envelopes reach the department
 * @param pushPath the path the gateway pushes to, in push mode (the port is {@code server.port})
 * @param pollInterval how often the inbox is read, in pull mode
 * @param processingTime how long the department works on a dossier before it hands it on
 * @param handOn where the dossier goes after this department's step; without it, the result
 *        goes back to the agency that handed the dossier over
 * @param result what the department says when it returns a result
 */
@ConfigurationProperties("department")
public record DepartmentProperties(
        String agency,
        @Nullable String officer,
        @DefaultValue("http://localhost:8080") URI gateway,
        Path gatewayCertificate,
        Path tokenFile,
        Key key,
        @DefaultValue("push") Mode mode,
        @DefaultValue("/lienthong/deliveries") String pushPath,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("5s") Duration processingTime,
        @Nullable HandOn handOn,
        @DefaultValue Result result) {

    public DepartmentProperties {
        required(agency, "agency");
        required(gatewayCertificate, "gateway-certificate");
        required(tokenFile, "token-file");
        required(key, "key.file and department.key.password");
    }

    private static void required(@Nullable Object value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("set department." + key);
        }
    }

    /** How the gateway delivers to the department, as registered there. */
    public enum Mode { PUSH, PULL }

    /**
     * @param file the PKCS#12 key store holding the signing key and its certificate
     * @param password its password
     */
    public record Key(Path file, String password) {
    }

    /**
     * @param to the agency the dossier goes to next
     * @param step the step that agency must do, and the working time it has
     * @param note the note to put in the hand-off
     */
    public record HandOn(String to, Step step, @Nullable String note) {
    }

    /**
     * @param status the national dossier status (1–10) reported with the result, or none to
     *        leave it unchanged; 9 (processed) when this department finishes the dossier
     * @param step the step the taker of the result must do, if any (the desk: return it to the applicant)
     * @param note the note to put in the result
     */
    public record Result(@Nullable Integer status, @Nullable Step step, @Nullable String note) {
    }

    /**
     * @param name the step's name, such as "Thẩm định hồ sơ"
     * @param allowedTime the working time allowed, in {@code unit}s
     * @param unit working days or working hours
     */
    public record Step(String name, int allowedTime, @DefaultValue("working-days") AllowedTime.Unit unit) {
    }
}
