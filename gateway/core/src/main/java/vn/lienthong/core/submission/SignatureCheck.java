package vn.lienthong.core.submission;

import io.micrometer.core.instrument.MeterRegistry;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.trust.CertificateValidation;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SignatureRejectedException;
import vn.lienthong.signature.VerifiedSignature;

/**
 * Step 5: the signature verifies and covers the whole envelope; it was made with a
 * certificate registered for the sender; and that certificate is trusted now (chain,
 * validity, key usage, revocation). SHA-1 passes only for senders whose policy allows it,
 * and each such signature is counted.
 */
final class SignatureCheck {

    private final EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();
    private final AgencyRegistry registry;
    private final CertificateValidation certificates;
    private final MeterRegistry meters;

    SignatureCheck(AgencyRegistry registry, CertificateValidation certificates, MeterRegistry meters) {
        this.registry = registry;
        this.certificates = certificates;
        this.meters = meters;
    }

    SubmissionStages.Verified verify(SubmissionStages.Parsed parsed) {
        Agency sender = registry.find(parsed.envelope().sender().agency())
                .orElseThrow(() -> ErrorCode.SIGNER_UNKNOWN.exception("sender " + parsed.envelope().sender().agency()
                        + " is not registered").build());
        VerifiedSignature signature;
        try {
            signature = parsed.bytes().inMemory()
                    ? verifier.verify(parsed.document(), sender.allowSha1Signatures())
                    : verifier.verify(parsed.document(), parsed.bytes()::open, sender.allowSha1Signatures());
        } catch (SignatureRejectedException e) {
            throw rejected(e);
        }
        String fingerprint = PemCertificates.fingerprint(signature.signer());
        if (!sender.signsWith(fingerprint)) {
            throw ErrorCode.SIGNER_UNKNOWN.exception("the envelope is signed by '"
                            + signature.signer().getSubjectX500Principal().getName()
                            + "', which is not a registered certificate of " + sender.code())
                    .with("fingerprint", fingerprint).build();
        }
        certificates.requireTrusted(signature.signer(), sender.code().value());
        if (signature.usesLegacyAlgorithm()) {
            meters.counter("lienthong.signatures.sha1.accepted", "sender", sender.code().value()).increment();
        }
        return new SubmissionStages.Verified(parsed.caller(), parsed.bytes(), parsed.envelope(), signature);
    }

    private static GatewayException rejected(SignatureRejectedException e) {
        ErrorCode code = switch (e.reason()) {
            case MISSING -> ErrorCode.SIGNATURE_MISSING;
            case INVALID -> ErrorCode.SIGNATURE_INVALID;
            case MISPLACED, MALFORMED, REFERENCE_NOT_DOCUMENT, ALGORITHM_NOT_ALLOWED, NO_CERTIFICATE ->
                    ErrorCode.SIGNATURE_PROFILE_VIOLATION;
        };
        return code.exception(e.getMessage()).with("reason", e.reason().name()).build();
    }
}
