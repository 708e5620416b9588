package vn.lienthong.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A private key with its certificate chain, the signer's certificate first.
 * {@link #toString()} never prints the key.
 */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {

    public SigningKey {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "SigningKey[" + certificate().getSubjectX500Principal().getName() + "]";
    }

    /** Reads the first private-key entry of a PKCS#12 file. */
    public static SigningKey fromPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    List<X509Certificate> chain = Arrays.stream(store.getCertificateChain(alias))
                            .map(X509Certificate.class::cast)
                            .toList();
                    return new SigningKey(key, chain);
                }
            }
            throw new IllegalArgumentException("no private key in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open key store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key and chain under {@code alias} of a key store the caller has loaded: a PKCS#12 or
     * JKS file, or a PKCS#11 token, whose private key is then a handle that stays on the device.
     *
     * @param password the key's password (a token's PIN, or null when logging in to the store was enough)
     */
    public static SigningKey fromKeyStore(KeyStore store, String alias, char @Nullable [] password) {
        try {
            if (!store.isKeyEntry(alias)) {
                throw new IllegalArgumentException("no private key under alias '" + alias + "' in the " + store.getType()
                        + " key store");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("the key '" + alias + "' has no certificate chain");
            }
            return new SigningKey((PrivateKey) store.getKey(alias, password),
                    Arrays.stream(chain).map(X509Certificate.class::cast).toList());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read key '" + alias + "': " + e.getMessage(), e);
        }
    }

    /** Writes this key and chain as a PKCS#12 file under one alias. */
    public void writePkcs12(Path file, String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, privateKey, password, chain.toArray(Certificate[]::new));
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a PKCS#12 key store", e);
        }
    }
}
