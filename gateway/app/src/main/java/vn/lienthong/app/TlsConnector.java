package vn.lienthong.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import vn.lienthong.core.trust.TrustMaterial;

/**
 * An extra Tomcat connector for HTTPS that asks for a client certificate without requiring
 * one: callers may still authenticate by token over it. Client certificates must chain to
 * the gateway's trust anchors; which agency one belongs to is the registry's business.
 */
final class TlsConnector {

    private final Connector connector;

    TlsConnector(TlsProperties properties, TrustMaterial trust) {
        this.connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(properties.port());
        connector.setScheme("https");
        connector.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setProtocols("TLSv1.2+TLSv1.3");
        ssl.setCertificateVerification("optional");
        ssl.setTrustStore(trustStore(trust));
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        String password = password(properties.keyStorePasswordFile());
        certificate.setCertificateKeystore(keyStore(properties.keyStore(), password));
        certificate.setCertificateKeystorePassword(password);
        ssl.addCertificate(certificate);
        protocol.addSslHostConfig(ssl);
    }

    Connector connector() {
        return connector;
    }

    /** The port it listens on, once the server started. */
    int port() {
        return connector.getLocalPort();
    }

    private static KeyStore keyStore(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the TLS key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(TrustMaterial trust) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<X509Certificate> certificates = new ArrayList<>(trust.roots());
            certificates.addAll(trust.intermediates());
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("anchor-" + i, certificates.get(i));
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS trust store", e);
        }
    }

    private static String password(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS key store password file " + file, e);
        }
    }
}
