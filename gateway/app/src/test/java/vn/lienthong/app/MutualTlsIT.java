package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

/** Agencies authenticated by their TLS client certificate on the HTTPS port. */
class MutualTlsIT {

    private static final char[] DEMO = DemoProvisioning.DEMO_KEY_PASSWORD.toCharArray();

    private final TestGateway gateway = SharedGateway.gateway();
    private boolean forceClientCertificate;

    /** The finance department calls its inbox with its TLS client certificate and no token / result: 200. */
    @Test
    void registeredClientCertificateAuthenticatesTheAgency() throws Exception {
        HttpResponse<String> inbox = send(clientKey(TestGateway.FINANCE), "GET", "inbox", null, null);
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
    }

    /** The desk submits over mutual TLS without a token / result: 202 with a receipt. */
    @Test
    void agencySubmitsOverMutualTls() throws Exception {
        byte[] envelope = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().to(TestGateway.FINANCE).xml());
        HttpResponse<String> response = send(clientKey(TestGateway.DESK), "POST", "envelopes", null, envelope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** Presents a trusted certificate that is not registered for TLS (the desk's signing certificate) / result: AUTHENTICATION_FAILED. */
    @Test
    void trustedButUnregisteredCertificateDoesNotAuthenticate() throws Exception {
        HttpResponse<String> response = send(gateway.signingKey(TestGateway.DESK), "GET", "inbox", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        TestHttp.assertCode(TestHttp.JSON.readTree(response.body()), "AUTHENTICATION_FAILED");
    }

    /** Presents the finance department's certificate with the desk's token / result: AUTHENTICATION_FAILED, they disagree. */
    @Test
    void certificateAndTokenOfDifferentAgenciesAreRefused() throws Exception {
        HttpResponse<String> response = send(clientKey(TestGateway.FINANCE), "GET", "inbox",
                gateway.token(TestGateway.DESK), null);
        assertThat(response.statusCode()).isEqualTo(401);
        TestHttp.assertCode(TestHttp.JSON.readTree(response.body()), "AUTHENTICATION_FAILED");
    }

    /** Calls the HTTPS port with a token and no client certificate / result: authenticated by the token. */
    @Test
    void tokenStillWorksOverHttps() throws Exception {
        HttpResponse<String> response = send(null, "GET", "inbox", gateway.token(TestGateway.FINANCE), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /**
     * Presents a client certificate from a CA the gateway does not trust, forcing it on the
     * server although it asked for certificates of its own CAs / result: the TLS handshake fails.
     */
    @Test
    void clientCertificateFromAnUntrustedCaFailsTheHandshake() {
        SigningKey foreign = DemoCertificateAuthority.create("Not trusted", Duration.ofDays(1)).issue("x", "y",
                DemoCertificateAuthority.KeyType.RSA_2048, DemoCertificateAuthority.Purpose.TLS_CLIENT,
                Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(1));
        forceClientCertificate = true;
        assertThatThrownBy(() -> send(foreign, "GET", "inbox", null, null)).isInstanceOf(IOException.class);
    }

    private SigningKey clientKey(String agency) {
        return SigningKey.fromPkcs12(gateway.dataDir().resolve("demo").resolve(agency).resolve("tls-client.p12"), DEMO);
    }

    private HttpResponse<String> send(@Nullable SigningKey clientKey, String method, String path, @Nullable String token,
                                      byte @Nullable [] body) throws IOException, InterruptedException, GeneralSecurityException {
        HttpClient client = HttpClient.newBuilder().sslContext(sslContext(clientKey)).connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.tlsUri() + "/api/v1/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/xml");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Trusts the demo CA (which issued the server's certificate) and presents the given client key. */
    private SSLContext sslContext(@Nullable SigningKey clientKey) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("demo-ca", PemCertificates.read(gateway.dataDir().resolve("demo/ca/demo-ca.pem")).get(0));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (clientKey != null) {
            keys.setKeyEntry("client", clientKey.privateKey(), DEMO,
                    clientKey.chain().toArray(Certificate[]::new));
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, DEMO);
        KeyManager[] managers = keyManagers.getKeyManagers();
        if (forceClientCertificate) {
            managers = new KeyManager[] {new AlwaysPresent((X509ExtendedKeyManager) managers[0])};
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** Presents the client key whatever CAs the server asks for, as a hostile client would. */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlwaysPresent(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
