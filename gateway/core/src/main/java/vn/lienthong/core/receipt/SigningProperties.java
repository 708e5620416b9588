package vn.lienthong.core.receipt;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import vn.lienthong.signature.SignatureAlgorithm;

/**
 * The gateway's own identity and key, prefix {@code lienthong.signing}.
 *
 * @param gatewayId the name the gateway gives itself in receipts
 * @param keyStore PKCS#12 file with the gateway's private key and certificate chain
 * @param keyStorePasswordFile file whose first line is the key store password; kept out of
 *        configuration and environment so it shows in neither
 * @param algorithm how the gateway signs: RSA_SHA256 or ECDSA_SHA256; by default the one that
 *        fits the key (RSA_SHA256 for an RSA key)
 * @param reloadInterval how often the key store file is checked for a new key, which is then
 *        used without a restart
 */
@ConfigurationProperties("lienthong.signing")
public record SigningProperties(@DefaultValue("lienthong") String gatewayId, @Nullable Path keyStore,
                                @Nullable Path keyStorePasswordFile, @Nullable SignatureAlgorithm algorithm,
                                @DefaultValue("30s") Duration reloadInterval) {
}
