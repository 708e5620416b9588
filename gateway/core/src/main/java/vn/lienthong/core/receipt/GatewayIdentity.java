package vn.lienthong.core.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.signature.Canonicalization;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SignatureAlgorithm;
import vn.lienthong.signature.SigningKey;

/**
 * Who the gateway is: its id and the key it signs receipts with. The key store file is
 * watched: a replaced key is loaded and used from the next receipt on, without a restart;
 * a file that cannot be loaded leaves the current key in use.
 */
public final class GatewayIdentity {

    private record Loaded(EnvelopedSigner signer, @Nullable FileTime modified, long size) {
    }

    private static final Logger log = LoggerFactory.getLogger(GatewayIdentity.class);

    private final String gatewayId;
    private final @Nullable Path keyStore;
    private final @Nullable Path passwordFile;
    private final @Nullable SignatureAlgorithm algorithm;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    /** A fixed identity, not backed by a file (tests). */
    public GatewayIdentity(String gatewayId, SigningKey key) {
        this.gatewayId = gatewayId;
        this.keyStore = null;
        this.passwordFile = null;
        this.algorithm = null;
        this.current.set(new Loaded(new EnvelopedSigner(key), null, -1));
    }

    private GatewayIdentity(SigningProperties properties, Path keyStore, Path passwordFile) {
        this.gatewayId = properties.gatewayId();
        this.keyStore = keyStore;
        this.passwordFile = passwordFile;
        this.algorithm = properties.algorithm();
        this.current.set(loadFile());
    }

    /** Loads the key named by the configuration, failing with a message an operator can act on. */
    public static GatewayIdentity load(SigningProperties properties) {
        if (properties.keyStore() == null || properties.keyStorePasswordFile() == null) {
            throw new IllegalStateException("the gateway needs a signing key: set lienthong.signing.key-store and "
                    + "lienthong.signing.key-store-password-file (the embedded demo creates both)");
        }
        return new GatewayIdentity(properties, properties.keyStore(), properties.keyStorePasswordFile());
    }

    public String gatewayId() {
        return gatewayId;
    }

    public EnvelopedSigner signer() {
        return current.get().signer();
    }

    public X509Certificate certificate() {
        return signer().key().certificate();
    }

    /**
     * Loads the key store again if its file changed since the last load.
     *
     * @return true if a new key is now in use
     */
    public boolean reloadIfChanged() {
        if (keyStore == null) {
            return false;
        }
        Loaded loaded = current.get();
        try {
            if (Objects.equals(Files.getLastModifiedTime(keyStore), loaded.modified()) && Files.size(keyStore) == loaded.size()) {
                return false;
            }
            Loaded next = loadFile();
            current.set(next);
            log.info("gateway signing key reloaded from {}: now '{}', valid until {}", keyStore,
                    next.signer().key().certificate().getSubjectX500Principal().getName(),
                    next.signer().key().certificate().getNotAfter().toInstant());
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("gateway signing key in {} could not be reloaded; still signing with the previous key: {}",
                    keyStore, e.getMessage());
            return false;
        }
    }

    private Loaded loadFile() {
        Path store = Objects.requireNonNull(keyStore);
        Path password = Objects.requireNonNull(passwordFile);
        try {
            FileTime modified = Files.getLastModifiedTime(store);
            long size = Files.size(store);
            char[] secret = Files.readAllLines(password, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                    .toCharArray();
            SigningKey key = SigningKey.fromPkcs12(store, secret);
            SignatureAlgorithm chosen = algorithm != null ? algorithm : SignatureAlgorithm.forKey(key.privateKey());
            return new Loaded(new EnvelopedSigner(key, chosen, Canonicalization.EXCLUSIVE), modified, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway key store " + store + " or its password file", e);
        }
    }
}
