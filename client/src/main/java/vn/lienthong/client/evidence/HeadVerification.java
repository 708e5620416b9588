package vn.lienthong.client.evidence;

import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import vn.lienthong.signature.PemCertificates;

/** Step 2 of docs/EVIDENCE.md: the signed head, and that the bundle's first certificate signed it. */
final class HeadVerification {

    private final SignedDocuments documents;

    HeadVerification(SignedDocuments documents) {
        this.documents = documents;
    }

    /** @return the head when it is valid and its signature verifies (whoever signed it), else null */
    @Nullable LedgerHead verify(byte[] head, List<X509Certificate> bundleCertificates, Report report) {
        SignedDocuments.Outcome outcome = documents.read(head, EvidenceBundleLayout.NAMESPACE, "LedgerHead",
                EvidenceSchemas.EVIDENCE);
        if (outcome instanceof SignedDocuments.Invalid invalid) {
            report.fail(FindingCode.HEAD_INVALID, EvidenceBundleLayout.HEAD + " is " + invalid.reason());
            return null;
        }
        if (outcome instanceof SignedDocuments.BadSignature bad) {
            report.fail(FindingCode.HEAD_SIGNATURE_INVALID, EvidenceBundleLayout.HEAD + " does not verify: " + bad.reason()
                    + "; its statement of the ledger cannot be relied on");
            return null;
        }
        SignedDocuments.Verified verified = (SignedDocuments.Verified) outcome;
        LedgerHead statement;
        try {
            statement = statement(verified.root(), verified.signer());
        } catch (DateTimeException | NumberFormatException e) {
            report.fail(FindingCode.HEAD_INVALID, EvidenceBundleLayout.HEAD + " states a value out of range: " + e.getMessage());
            return null;
        }
        checkSigner(verified.signer(), bundleCertificates, report);
        if (!report.failed(Check.HEAD)) {
            String signer = bundleCertificates.isEmpty()
                    ? "signed by " + describe(verified.signer()) + ", not compared with the missing or unreadable "
                            + EvidenceBundleLayout.GATEWAY_CERTIFICATE
                    : "signed by the certificate in " + EvidenceBundleLayout.GATEWAY_CERTIFICATE + " ("
                            + describe(verified.signer()) + ")";
            report.passed(Check.HEAD, "valid against evidence-v1.xsd, signature verifies, " + signer + "; states dossier "
                    + statement.dossier() + ", " + statement.entries() + " entries, head " + statement.headSha256()
                    + ", issued by gateway '" + statement.gateway() + "' at " + statement.issuedAt());
        }
        return statement;
    }

    private static void checkSigner(X509Certificate signer, List<X509Certificate> bundleCertificates, Report report) {
        if (bundleCertificates.isEmpty()) {
            return; // GATEWAY_PEM_INVALID is reported already
        }
        if (!signer.equals(bundleCertificates.get(0))) {
            report.fail(FindingCode.HEAD_SIGNER_NOT_BUNDLE_CERTIFICATE, EvidenceBundleLayout.HEAD + " is signed by "
                    + describe(signer) + ", not by the first certificate in " + EvidenceBundleLayout.GATEWAY_CERTIFICATE + " ("
                    + describe(bundleCertificates.get(0)) + "): the head, or the certificate file, was replaced");
        }
    }

    private static LedgerHead statement(Element root, X509Certificate signer) {
        return new LedgerHead(SignedDocuments.text(root, "Dossier"),
                Long.parseLong(SignedDocuments.text(root, "Entries")),
                SignedDocuments.text(root, "HeadSha256"),
                Instant.parse(SignedDocuments.text(root, "IssuedAt")),
                SignedDocuments.text(root, "Gateway"),
                signer);
    }

    /** A certificate as a report names it: its subject and SHA-256 fingerprint. */
    static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "', SHA-256 " + PemCertificates.fingerprint(certificate);
    }
}
