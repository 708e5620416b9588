package vn.lienthong.client.evidence;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What a signed ledger head states (evidence-v1.xsd), and who signed it.
 *
 * @param entries the number of lines the ledger had when the head was signed
 * @param headSha256 lower-case hex SHA-256 of the last line
 * @param signer the certificate the head's signature verified with
 */
public record LedgerHead(String dossier, long entries, String headSha256, Instant issuedAt, String gateway,
                         X509Certificate signer) {
}
