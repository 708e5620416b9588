package vn.lienthong.core.submission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.trust.CertificateValidation;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SignatureAlgorithm;
import vn.lienthong.signature.SignatureRejectedException;
import vn.lienthong.signature.VerifiedSignature;

/**
 * Step 5: the signature verifies and covers the whole envelope; it was made with a
 * certificate registered for the sender; and that certificate is trusted now (chain,
 * validity, key usage, revocation). SHA-1 passes only for senders whose policy allows it,
 * and each such signature is counted. An edXML message's signature sits in its
 * {@code edXMLHeader}, as QCVN 102 places it; only the sample-replay policy
 * ({@code lienthong.edxml.verify-signatures=false}) lets edXML through unverified.
 */
final class SignatureCheck {

    private final EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();
    private final AgencyRegistry registry;
    private final CertificateValidation certificates;
    private final MeterRegistry meters;
    private final boolean verifyEdxml;

    SignatureCheck(AgencyRegistry registry, CertificateValidation certificates, MeterRegistry meters,
                   boolean verifyEdxml) {
        this.registry = registry;
        this.certificates = certificates;
        this.meters = meters;
        this.verifyEdxml = verifyEdxml;
    }

    SubmissionStages.Verified verify(SubmissionStages.Parsed parsed) {
        Agency sender = registry.find(parsed.envelope().sender().agency())
                .orElseThrow(() -> ErrorCode.SIGNER_UNKNOWN.exception("sender " + parsed.envelope().sender().agency()
                        + " is not registered").build());
        if (parsed.edxml() != null && !verifyEdxml) {
            meters.counter("lienthong.edxml.signatures.unverified", "sender", sender.code().value()).increment();
            return new SubmissionStages.Verified(parsed.caller(), parsed.bytes(), parsed.envelope(), parsed.edxml(), null,
                    parsed.lane());
        }
        Element parent = parsed.edxml() == null ? parsed.document().getDocumentElement() : edxmlHeader(parsed.document());
        VerifiedSignature signature;
        long started = System.nanoTime();
        try {
            signature = parsed.bytes().inMemory()
                    ? verifier.verify(parsed.document(), parent, sender.allowSha1Signatures())
                    : verifier.verify(parsed.document(), parent, parsed.bytes()::open, sender.allowSha1Signatures());
        } catch (SignatureRejectedException e) {
            timeVerification("none", started);
            throw rejected(e);
        }
        timeVerification(family(signature.signatureAlgorithm()), started);
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
        return new SubmissionStages.Verified(parsed.caller(), parsed.bytes(), parsed.envelope(), parsed.edxml(),
                signature, parsed.lane());
    }

    /**
     * Verification time by key family; a signature refused before it named a usable
     * algorithm, or not verifying, counts as {@code none}.
     */
    private void timeVerification(String algorithm, long started) {
        Timer.builder("lienthong.signature.verification").description("Verifying the signature of a submitted envelope")
                .tag("algorithm", algorithm).publishPercentileHistogram().register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** {@code rsa} or {@code ecdsa}: the digest is not worth a tag of its own, SHA-1 is counted apart. */
    private static String family(SignatureAlgorithm algorithm) {
        String name = algorithm.name();
        return name.substring(0, name.indexOf('_')).toLowerCase(Locale.ROOT);
    }

    private static Element edxmlHeader(Document document) {
        return (Element) document.getElementsByTagNameNS(EdxmlReader.NAMESPACE, "edXMLHeader").item(0);
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
