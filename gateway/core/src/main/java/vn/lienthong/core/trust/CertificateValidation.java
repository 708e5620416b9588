package vn.lienthong.core.trust;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.signature.PemCertificates;

/**
 * Decides whether a signer's certificate may be trusted now: within its validity, meant for
 * signing, chaining to a trust anchor, and not revoked by a current CRL. A positive answer
 * is remembered for a few minutes, or until the CRLs change, so steady traffic costs one
 * map lookup per envelope.
 */
public final class CertificateValidation {

    private record Trusted(long crlVersion, Instant until) {
    }

    private static final Logger log = LoggerFactory.getLogger(CertificateValidation.class);
    private static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private final TrustMaterial trust;
    private final RevocationLists crls;
    private final RevocationPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Trusted> remembered = new ConcurrentHashMap<>();

    public CertificateValidation(TrustMaterial trust, RevocationLists crls, RevocationPolicy policy, Clock clock,
                                 MeterRegistry meters) {
        this.trust = trust;
        this.crls = crls;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param owner the agency the certificate signs for, for logs and metrics
     * @throws GatewayException with the SIGNER_CERTIFICATE_* or SIGNER_REVOCATION_UNKNOWN code
     */
    public void requireTrusted(X509Certificate certificate, String owner) {
        String fingerprint = PemCertificates.fingerprint(certificate);
        Instant now = clock.instant();
        Trusted earlier = remembered.get(fingerprint);
        if (earlier != null && earlier.crlVersion() == crls.version() && now.isBefore(earlier.until())) {
            return;
        }
        checkValidity(certificate, now);
        checkKeyUsage(certificate);
        CertPath path = chain(certificate, now);
        checkRevocation(path, certificate, owner, now);
        Instant until = now.plus(REMEMBER);
        Instant notAfter = certificate.getNotAfter().toInstant();
        remembered.put(fingerprint, new Trusted(crls.version(), until.isBefore(notAfter) ? until : notAfter));
    }

    private static void checkValidity(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw ErrorCode.SIGNER_CERTIFICATE_OUTSIDE_VALIDITY.exception("the signer's certificate expired at "
                    + certificate.getNotAfter().toInstant()).with("notAfter", certificate.getNotAfter().toInstant().toString())
                    .build();
        } catch (CertificateNotYetValidException e) {
            throw ErrorCode.SIGNER_CERTIFICATE_OUTSIDE_VALIDITY.exception("the signer's certificate is valid only from "
                    + certificate.getNotBefore().toInstant()).with("notBefore", certificate.getNotBefore().toInstant().toString())
                    .build();
        }
    }

    /** No key-usage extension means any use (RFC 5280); otherwise it must allow signing. */
    private static void checkKeyUsage(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !(usage.length > NON_REPUDIATION && (usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION]))) {
            throw ErrorCode.SIGNER_CERTIFICATE_NOT_FOR_SIGNING.exception(
                    "the signer's certificate allows neither digitalSignature nor nonRepudiation").build();
        }
    }

    private CertPath chain(X509Certificate certificate, Instant now) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trust.anchors(), target);
            List<Object> known = new ArrayList<>(trust.intermediates());
            known.add(certificate);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            return ((PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters)).getCertPath();
        } catch (CertPathBuilderException e) {
            throw ErrorCode.SIGNER_CERTIFICATE_UNTRUSTED.exception("the signer's certificate, issued by '"
                    + certificate.getIssuerX500Principal().getName() + "', does not chain to a trusted CA").build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX is unavailable", e);
        }
    }

    private void checkRevocation(CertPath path, X509Certificate certificate, String owner, Instant now) {
        if (!crls.enabled()) {
            return;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(trust.anchors());
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls.current())));
            parameters.setRevocationEnabled(true);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                throw ErrorCode.SIGNER_CERTIFICATE_REVOKED.exception("the signer's certificate (serial "
                        + certificate.getSerialNumber().toString(16) + ") is revoked: " + e.getMessage()).build();
            }
            if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                revocationUnknown(certificate, owner, e);
                return;
            }
            throw ErrorCode.SIGNER_CERTIFICATE_UNTRUSTED.exception("the signer's certificate path is not valid: "
                    + e.getMessage()).build();
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("trust anchors unusable", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX is unavailable", e);
        }
    }

    private void revocationUnknown(X509Certificate certificate, String owner, CertPathValidatorException e) {
        meters.counter("lienthong.signatures.revocation.unknown", "sender", owner, "policy", policy.name()).increment();
        if (policy == RevocationPolicy.REFUSE) {
            throw ErrorCode.SIGNER_REVOCATION_UNKNOWN.exception("no current CRL covers the signer's CA '"
                    + certificate.getIssuerX500Principal().getName() + "'; try again later").build();
        }
        log.warn("accepting a signature by {} without knowing whether its certificate is revoked (policy WARN): {}",
                owner, e.getMessage());
    }
}
