package vn.lienthong.client.evidence;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Step 2's trust part: whether the certificates that signed the head and the receipts are the
 * gateway's, by the caller's pin or trust anchors; with neither, says that trust rests on the
 * certificate inside the bundle. Revocation is not checked: the verification is offline.
 */
final class TrustVerification {

    private final GatewayTrust trust;

    TrustVerification(GatewayTrust trust) {
        this.trust = trust;
    }

    /**
     * @param signers each certificate that signed the head or a receipt, with when it signed
     *                (the head's IssuedAt, the receipts' ReceivedAt)
     */
    void verify(Signers signers, List<X509Certificate> bundleCertificates, Report report) {
        if (signers.all().isEmpty()) {
            report.skipped(Check.TRUST, "no signature verified, so there is no gateway certificate to check");
            return;
        }
        for (Map.Entry<X509Certificate, Signers.Usage> signer : signers.all().entrySet()) {
            String who = HeadVerification.describe(signer.getKey()) + " (which signed " + signer.getValue().documents() + ")";
            if (!trust.pinned().isEmpty() && !trust.pinned().contains(signer.getKey())) {
                report.fail(FindingCode.GATEWAY_NOT_PINNED, who + " is not the pinned gateway certificate ("
                        + trust.pinned().stream().map(HeadVerification::describe).collect(Collectors.joining("; ")) + ")");
            }
            if (!trust.anchors().isEmpty()) {
                chainToAnchors(who, signer.getKey(), signer.getValue().times(), bundleCertificates, report);
            }
        }
        if (report.failed(Check.TRUST)) {
            return;
        }
        String certificates = signers.all().keySet().stream().map(HeadVerification::describe)
                .collect(Collectors.joining("; "));
        switch (trust.basis()) {
            case BUNDLE_CERTIFICATE -> report.note(Check.TRUST, "trust rests on the certificate inside the bundle ("
                    + certificates + "): anyone can make a bundle that verifies this far; pin the gateway's certificate "
                    + "with --gateway-cert or its CA with --trust");
            case PINNED -> report.passed(Check.TRUST, "signed by the pinned gateway certificate (" + certificates + ")");
            case ANCHORED -> report.passed(Check.TRUST, "the gateway certificate chains to a trust anchor and was valid "
                    + "when it signed (" + certificates + "; revocation not checked)");
            case PINNED_AND_ANCHORED -> report.passed(Check.TRUST, "signed by the pinned gateway certificate, which "
                    + "chains to a trust anchor and was valid when it signed (" + certificates + "; revocation not checked)");
        }
    }

    /** Validates the path at the earliest and the latest time the certificate signed: validity is one interval. */
    private void chainToAnchors(String who, X509Certificate certificate, List<Instant> signedAt,
                                List<X509Certificate> intermediates, Report report) {
        List<Instant> times = signedAt.isEmpty() ? List.of(Instant.now())
                : List.of(signedAt.stream().min(Instant::compareTo).orElseThrow(),
                        signedAt.stream().max(Instant::compareTo).orElseThrow());
        for (Instant time : times) {
            String problem = pathProblem(certificate, time, intermediates);
            if (problem != null) {
                report.fail(FindingCode.GATEWAY_NOT_TRUSTED, who + " is not trusted at " + time + ": " + problem);
                return;
            }
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            report.fail(FindingCode.GATEWAY_NOT_TRUSTED, who + " is not for signatures: its key usage allows neither digitalSignature nor nonRepudiation");
        }
    }

    private @Nullable String pathProblem(X509Certificate certificate, Instant time, List<X509Certificate> intermediates) {
        try {
            certificate.checkValidity(Date.from(time));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return "it was valid only from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant();
        }
        try {
            Set<TrustAnchor> anchors = trust.anchors().stream().map(anchor -> new TrustAnchor(anchor, null))
                    .collect(Collectors.toSet());
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            Collection<X509Certificate> known = new ArrayList<>(intermediates);
            known.add(certificate);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(time));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return null;
        } catch (GeneralSecurityException e) {
            return "no chain to a trust anchor (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        }
    }
}
