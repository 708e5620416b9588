package vn.lienthong.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import vn.lienthong.signature.PemCertificates;

/**
 * TLS for calling the gateway's HTTPS port: the agency's client certificate for mutual TLS
 * (a PKCS#12 file, such as the demo's {@code data/demo/<agency>/tls-client.p12}), and the CA
 * certificates the gateway's server certificate must chain to.
 */
public final class ClientTls {

    private ClientTls() {
    }

    /**
     * Mutual TLS: presents the PKCS#12 file's key and certificate.
     *
     * @param trustedCertificates PEM file of the CAs to trust for the gateway's certificate, or
     *                            null for the JDK's default trust store
     */
    public static SSLContext mutual(Path clientPkcs12, char[] password, @Nullable Path trustedCertificates) {
        try (InputStream in = Files.newInputStream(clientPkcs12)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers(trustedCertificates), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS client key " + clientPkcs12, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + clientPkcs12 + " as a TLS client key: " + e.getMessage(), e);
        }
    }

    /** Server authentication only (authenticate with a token): trusts the CAs of a PEM file. */
    public static SSLContext trusting(Path trustedCertificates) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(trustedCertificates), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust " + trustedCertificates + ": " + e.getMessage(), e);
        }
    }

    private static javax.net.ssl.TrustManager @Nullable [] trustManagers(@Nullable Path trustedCertificates)
            throws GeneralSecurityException {
        if (trustedCertificates == null) {
            return null;
        }
        List<X509Certificate> certificates = PemCertificates.read(trustedCertificates);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store cannot fail to load", e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            trust.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory.getTrustManagers();
    }
}
