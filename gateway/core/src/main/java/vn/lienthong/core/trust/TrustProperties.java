package vn.lienthong.core.trust;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Certificate trust, prefix {@code lienthong.trust}.
 *
 * @param anchors the trusted CAs: a directory of PEM or DER certificates, or a PKCS#12 trust
 *        store; self-signed ones are anchors, the others intermediates
 * @param anchorsPasswordFile password file of a PKCS#12 trust store, if it has one
 * @param crls CRLs to check revocation against: file paths or http(s) URLs; empty turns
 *        revocation checking off
 * @param crlRefreshInterval how often the CRLs are fetched again in the background
 * @param crlCacheDir where the last good copy of each CRL is kept, so a restart while a CRL
 *        server is down still has it
 * @param crlUnavailable what to do when no current CRL covers a signer's CA
 * @param expiryWarning certificates expiring sooner than this turn health to WARNING
 */
@ConfigurationProperties("lienthong.trust")
public record TrustProperties(@Nullable Path anchors, @Nullable Path anchorsPasswordFile,
                              @DefaultValue List<String> crls,
                              @DefaultValue("1h") Duration crlRefreshInterval,
                              @Nullable Path crlCacheDir,
                              @DefaultValue("REFUSE") RevocationPolicy crlUnavailable,
                              @DefaultValue("30d") Duration expiryWarning) {
}
