package vn.lienthong.core.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SigningKey;

/** Who the gateway is: its id and the key it signs receipts with. */
public final class GatewayIdentity {

    private final String gatewayId;
    private final EnvelopedSigner signer;

    public GatewayIdentity(String gatewayId, SigningKey key) {
        this.gatewayId = gatewayId;
        this.signer = new EnvelopedSigner(key);
    }

    /** Loads the key named by the configuration, failing with a message an operator can act on. */
    public static GatewayIdentity load(SigningProperties properties) {
        Path keyStore = properties.keyStore();
        Path passwordFile = properties.keyStorePasswordFile();
        if (keyStore == null || passwordFile == null) {
            throw new IllegalStateException("the gateway needs a signing key: set lienthong.signing.key-store and "
                    + "lienthong.signing.key-store-password-file (the embedded demo creates both)");
        }
        try {
            char[] password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst()
                    .orElse("").toCharArray();
            return new GatewayIdentity(properties.gatewayId(), SigningKey.fromPkcs12(keyStore, password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key store password file " + passwordFile, e);
        }
    }

    public String gatewayId() {
        return gatewayId;
    }

    public EnvelopedSigner signer() {
        return signer;
    }

    public X509Certificate certificate() {
        return signer.key().certificate();
    }
}
