package vn.lienthong.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.app.GatewayProperties;
import vn.lienthong.core.access.ApiTokens;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/**
 * Creates the demo material in the data folder before the context starts, so the gateway's
 * key and the agency registry file exist when the beans that read them are created. Runs
 * once: if the demo registry file exists, nothing is touched.
 */
public final class DemoProvisioning implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Password of the demo agencies' key stores; demo material only. */
    public static final String DEMO_KEY_PASSWORD = "demo";

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
        log.info("first start: creating demo CA, gateway key and demo agencies in {}", dataDir.toAbsolutePath());
        DemoCertificateAuthority ca = DemoCertificateAuthority.create("lienthong demo CA", VALIDITY);
        ca.authority().writePkcs12(demo.resolve("ca/demo-ca.p12"), "demo-ca", DEMO_KEY_PASSWORD.toCharArray());
        PemCertificates.write(demo.resolve("ca/demo-ca.pem"), ca.authority().certificate());
        writeGatewayKey(dataDir.resolve("keys"), ca);
        StringBuilder yaml = new StringBuilder("""
                # Demo agency registry, created by the gateway on first start. Demo material only:
                # the keys are issued by a throw-away CA and their password is "demo".
                # Edit and restart to change an agency; see README.md for the format.
                agencies:
                """);
        for (DemoAgency agency : DemoAgency.ALL) {
            writeAgency(demo.resolve(agency.code()), agency, ca);
            String token = read(demo.resolve(agency.code()).resolve("api-token"));
            yaml.append("  - code: ").append(agency.code()).append('\n')
                    .append("    name: ").append(agency.name()).append('\n')
                    .append("    delivery: ").append(agency.push()
                            ? "{ mode: push, endpoint: \"" + pushEndpoint + "\" }" : "{ mode: pull }").append('\n')
                    .append("    certificates: [ ").append(agency.code()).append("/certificate.pem ]\n")
                    .append("    api-token-sha256: ").append(ApiTokens.sha256(token)).append('\n');
        }
        write(demo.resolve("README.txt"), """
                Demo material for the embedded lienthong gateway. Not for production.

                agencies.yml            the agency registry the gateway loads at start
                <agency code>/
                  signing-key.p12       the agency's signing key (PKCS#12, password "demo")
                  certificate.pem       its certificate, registered in agencies.yml
                  api-token             its API token: send it as "Authorization: Bearer <token>"
                ca/demo-ca.pem          the demo CA that issued every certificate here
                ../keys/gateway.pem     the gateway's certificate, to verify receipts
                """, false);
        write(registry, yaml.toString(), false);
    }

    private static void writeGatewayKey(Path keys, DemoCertificateAuthority ca) {
        SigningKey gateway = ca.issueSigningKey("lienthong gateway (demo)", "lienthong demo",
                DemoCertificateAuthority.KeyType.RSA_2048, VALIDITY);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        write(keys.resolve("gateway.p12.password"), password + "\n", true);
        gateway.writePkcs12(keys.resolve("gateway.p12"), "gateway", password.toCharArray());
        restrict(keys.resolve("gateway.p12"));
        PemCertificates.write(keys.resolve("gateway.pem"), gateway.certificate());
    }

    private static void writeAgency(Path folder, DemoAgency agency, DemoCertificateAuthority ca) {
        SigningKey key = ca.issueSigningKey(agency.code(), agency.name(), DemoCertificateAuthority.KeyType.RSA_2048,
                VALIDITY);
        key.writePkcs12(folder.resolve("signing-key.p12"), agency.code(), DEMO_KEY_PASSWORD.toCharArray());
        restrict(folder.resolve("signing-key.p12"));
        PemCertificates.write(folder.resolve("certificate.pem"), key.certificate());
        write(folder.resolve("api-token"), ApiTokens.generate() + "\n", true);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
