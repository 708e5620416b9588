package vn.lienthong.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.core.access.ApiTokens;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/** Registers extra agencies on a test gateway through the admin API, as an administrator would. */
final class TestAgencies {

    /** A registered test agency: its code, API token and the key it signs with. */
    record Registered(String code, String token, SigningKey key) {
    }

    private static final AtomicInteger NEXT = new AtomicInteger(20);

    private TestAgencies() {
    }

    /** A fresh agency code of the demo province, distinct from the demo agencies. */
    static String newCode() {
        return "000.00.%02d.H53".formatted(NEXT.getAndIncrement());
    }

    /** A pull agency signing with a new key issued by the demo CA. */
    static Registered pullAgency(TestGateway gateway, DemoCertificateAuthority.KeyType type) {
        SigningKey key = gateway.demoCa().issueSigningKey("test agency", "test", type, Duration.ofDays(30));
        return register(gateway, newCode(), List.of(key), false, key);
    }

    /** A push agency pushing to {@code endpoint}, with its own retry policy (or the default when null). */
    static Registered pushAgency(TestGateway gateway, String endpoint, Map<String, Object> retry) {
        return pushAgency(gateway, endpoint, null, retry);
    }

    /** A push agency whose endpoint is an AgencyReceiver SOAP service. */
    static Registered soapPushAgency(TestGateway gateway, String endpoint, Map<String, Object> retry) {
        return pushAgency(gateway, endpoint, "soap", retry);
    }

    private static Registered pushAgency(TestGateway gateway, String endpoint, @Nullable String pushProtocol,
                                         Map<String, Object> retry) {
        SigningKey key = gateway.demoCa().issueSigningKey("test agency", "test", DemoCertificateAuthority.KeyType.RSA_2048,
                Duration.ofDays(30));
        String code = newCode();
        String token = ApiTokens.generate();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Cơ quan thử nghiệm " + code,
                "deliveryMode", "push", "endpoint", endpoint,
                "certificates", List.of(PemCertificates.toPem(key.certificate())),
                "apiTokenSha256", ApiTokens.sha256(token)));
        if (!retry.isEmpty()) {
            body.put("retry", retry);
        }
        if (pushProtocol != null) {
            body.put("pushProtocol", pushProtocol);
        }
        put(gateway, code, body, 200);
        return new Registered(code, token, key);
    }

    /** Registers an agency with the given signing certificates; {@code key} is the one it signs with. */
    static Registered register(TestGateway gateway, String code, List<SigningKey> certificates, boolean allowSha1,
                               SigningKey key) {
        String token = ApiTokens.generate();
        put(gateway, code, Map.of("name", "Cơ quan thử nghiệm " + code, "deliveryMode", "pull",
                "certificates", certificates.stream().map(k -> PemCertificates.toPem(k.certificate())).toList(),
                "apiTokenSha256", ApiTokens.sha256(token), "allowSha1Signatures", allowSha1), 200);
        return new Registered(code, token, key);
    }

    /** PUTs a registration as the demo admin and checks the status. */
    static String put(TestGateway gateway, String code, Map<String, Object> body, int expectedStatus) {
        var response = TestHttp.send(gateway, "PUT", "admin/agencies/" + code,
                gateway.operatorToken(DemoProvisioning.DEMO_ADMIN), "application/json",
                TestHttp.JSON.writeValueAsBytes(body));
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("PUT agency " + code + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** A key whose certificate is valid from {@code notBefore} for {@code validity}. */
    static SigningKey keyValid(TestGateway gateway, Instant notBefore, Duration validity) {
        return gateway.demoCa().issueSigningKey("test agency", "test", DemoCertificateAuthority.KeyType.RSA_2048,
                notBefore, validity);
    }
}
