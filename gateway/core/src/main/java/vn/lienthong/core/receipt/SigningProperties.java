package vn.lienthong.core.receipt;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own identity and key, prefix {@code lienthong.signing}.
 *
 * @param gatewayId the name the gateway gives itself in receipts
 * @param keyStore PKCS#12 file with the gateway's private key and certificate chain
 * @param keyStorePasswordFile file whose first line is the key store password; kept out of
 *        configuration and environment so it shows in neither
 */
@ConfigurationProperties("lienthong.signing")
public record SigningProperties(@DefaultValue("lienthong") String gatewayId, @Nullable Path keyStore,
                                @Nullable Path keyStorePasswordFile) {
}
