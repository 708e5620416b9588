package vn.lienthong.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.app.GatewayProperties;
import vn.lienthong.core.access.ApiTokens;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.DemoCertificateAuthority.Purpose;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/**
 * Creates the demo material in the data folder before the context starts, so the keys, the
 * trust anchor and the registry files exist when the beans that read them are created. Runs
 * once: if the demo registry file exists, nothing is touched.
 */
public final class DemoProvisioning implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Password of the demo agencies' key stores; demo material only. */
    public static final String DEMO_KEY_PASSWORD = "demo";
    /** The demo's operators: one that reads everything, one that also administers. */
    public static final String DEMO_OPERATOR = "demo-operator";
    public static final String DEMO_ADMIN = "demo-admin";

    private static final Logger log = LoggerFactory.getLogger(DemoProvisioning.class);
    private static final Duration VALIDITY = Duration.ofDays(3 * 365);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        GatewayProperties properties = Binder.get(context.getEnvironment())
                .bindOrCreate("lienthong", GatewayProperties.class);
        if (properties.demo().enabled()) {
            provision(properties.dataDir(), properties.demo().pushEndpoint());
        }
    }

    /** Writes the demo material under {@code dataDir} unless it is already there. */
    public static void provision(Path dataDir, String pushEndpoint) {
        Path demo = dataDir.resolve("demo");
        Path registry = demo.resolve("agencies.yml");
        if (Files.exists(registry)) {
            return;
        }
        log.info("first start: creating demo CA, gateway keys, demo agencies and operators in {}", dataDir.toAbsolutePath());
        DemoCertificateAuthority ca = DemoCertificateAuthority.create("lienthong demo CA", VALIDITY);
        ca.authority().writePkcs12(demo.resolve("ca/demo-ca.p12"), "demo-ca", DEMO_KEY_PASSWORD.toCharArray());
        PemCertificates.write(demo.resolve("ca/demo-ca.pem"), ca.authority().certificate());
        Path keys = dataDir.resolve("keys");
        writeGatewayKey(keys, "gateway", ca.issueSigningKey("lienthong gateway (demo)", "lienthong demo",
                KeyType.RSA_2048, VALIDITY));
        writeGatewayKey(keys, "tls-server", ca.issue("localhost", "lienthong demo", KeyType.RSA_2048,
                Purpose.TLS_SERVER, Instant.now().minus(Duration.ofMinutes(5)), VALIDITY));
        StringBuilder agencies = new StringBuilder("""
                # Demo agency registry, created by the gateway on first start. Demo material only:
                # the keys are issued by a throw-away CA and their password is "demo".
                # Edit and restart to change an agency; docs/CONFIGURATION.md describes the format.
                agencies:
                """);
        for (DemoAgency agency : DemoAgency.ALL) {
            String token = writeAgency(demo.resolve(agency.code()), agency, ca);
            agencies.append("  - code: ").append(agency.code()).append('\n')
                    .append("    name: ").append(agency.name()).append('\n')
                    .append("    delivery: ").append(agency.push()
                            ? "{ mode: push, endpoint: \"" + pushEndpoint + "\" }" : "{ mode: pull }").append('\n')
                    .append("    certificates: [ ").append(agency.code()).append("/certificate.pem ]\n")
                    .append("    tls-certificates: [ ").append(agency.code()).append("/tls-client.pem ]\n")
                    .append("    api-token-sha256: ").append(ApiTokens.sha256(token)).append('\n');
        }
        StringBuilder operators = new StringBuilder("""
                # Demo operators, created by the gateway on first start; tokens in operators/<name>/api-token.
                operators:
                """);
        for (String name : new String[] {DEMO_OPERATOR, DEMO_ADMIN}) {
            String token = ApiTokens.generate();
            write(demo.resolve("operators").resolve(name).resolve("api-token"), token + "\n", true);
            operators.append("  - name: ").append(name).append('\n')
                    .append("    roles: [ ").append(name.equals(DEMO_ADMIN) ? "admin" : "operator").append(" ]\n")
                    .append("    api-token-sha256: ").append(ApiTokens.sha256(token)).append('\n');
        }
        write(demo.resolve("README.txt"), """
                Demo material for the embedded lienthong gateway. Not for production.

                agencies.yml             the agency registry the gateway loads at start
                operators.yml            the operators (demo-operator reads everything, demo-admin also administers)
                <agency code>/
                  signing-key.p12        the agency's signing key (PKCS#12, password "demo")
                  certificate.pem        its signing certificate, registered in agencies.yml
                  tls-client.p12         its TLS client key for mutual TLS on the HTTPS port (password "demo")
                  tls-client.pem         its TLS client certificate, registered in agencies.yml
                  api-token              its API token: send it as "Authorization: Bearer <token>"
                operators/<name>/api-token  an operator's API token
                ca/demo-ca.pem           the demo CA that issued every certificate here: the trust anchor
                ../keys/gateway.pem      the gateway's certificate, to verify receipts
                ../keys/tls-server.pem   the certificate of the HTTPS port
                """, false);
        write(demo.resolve("operators.yml"), operators.toString(), false);
        write(registry, agencies.toString(), false);
    }

    private static void writeGatewayKey(Path keys, String name, SigningKey key) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        write(keys.resolve(name + ".p12.password"), password + "\n", true);
        key.writePkcs12(keys.resolve(name + ".p12"), name, password.toCharArray());
        restrict(keys.resolve(name + ".p12"));
        PemCertificates.write(keys.resolve(name + ".pem"), key.certificate());
    }

    /** @return the agency's new API token */
    private static String writeAgency(Path folder, DemoAgency agency, DemoCertificateAuthority ca) {
        SigningKey signing = ca.issueSigningKey(agency.code(), agency.name(), agency.keyType(), VALIDITY);
        signing.writePkcs12(folder.resolve("signing-key.p12"), agency.code(), DEMO_KEY_PASSWORD.toCharArray());
        restrict(folder.resolve("signing-key.p12"));
        PemCertificates.write(folder.resolve("certificate.pem"), signing.certificate());
        SigningKey tls = ca.issue(agency.code() + " TLS client", agency.name(), KeyType.RSA_2048, Purpose.TLS_CLIENT,
                Instant.now().minus(Duration.ofMinutes(5)), VALIDITY);
        tls.writePkcs12(folder.resolve("tls-client.p12"), agency.code(), DEMO_KEY_PASSWORD.toCharArray());
        restrict(folder.resolve("tls-client.p12"));
        PemCertificates.write(folder.resolve("tls-client.pem"), tls.certificate());
        String token = ApiTokens.generate();
        write(folder.resolve("api-token"), token + "\n", true);
        return token;
    }

    private static void write(Path file, String content, boolean secret) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            if (secret) {
                restrict(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Owner-only access where the file system supports it. */
    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("cannot restrict permissions of {}: {}", file, e.getMessage());
        }
    }
}
