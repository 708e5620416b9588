package vn.lienthong.core.access;

import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.signature.PemCertificates;

/**
 * Turns the credentials an adapter received into a {@link Caller}: an API token (an agency's
 * or an operator's), or a TLS client certificate registered for an agency. The TLS layer has
 * already checked that the certificate chains to a trust anchor and is within validity.
 */
public final class CallerAuthentication {

    private final AgencyRegistry registry;
    private final Operators operators;

    public CallerAuthentication(AgencyRegistry registry, Operators operators) {
        this.registry = registry;
        this.operators = operators;
    }

    /**
     * @param bearerToken the API token sent, or null
     * @param clientCertificate the TLS client certificate presented, or null
     * @throws GatewayException AUTHENTICATION_REQUIRED or AUTHENTICATION_FAILED
     */
    public Caller authenticate(@Nullable String bearerToken, @Nullable X509Certificate clientCertificate) {
        Caller byCertificate = clientCertificate == null ? null : registry
                .findByTlsCertificate(PemCertificates.fingerprint(clientCertificate)).map(Caller::agency).orElse(null);
        if (bearerToken != null && !bearerToken.isBlank()) {
            Caller byToken = byApiToken(bearerToken.strip());
            if (byCertificate != null && !byCertificate.equals(byToken)) {
                throw ErrorCode.AUTHENTICATION_FAILED.exception(
                        "the API token and the TLS client certificate name different callers").build();
            }
            return byToken;
        }
        if (byCertificate != null) {
            return byCertificate;
        }
        if (clientCertificate != null) {
            throw ErrorCode.AUTHENTICATION_FAILED.exception("the TLS client certificate '"
                    + clientCertificate.getSubjectX500Principal().getName() + "' is not registered for any agency").build();
        }
        throw ErrorCode.AUTHENTICATION_REQUIRED.exception(
                "send 'Authorization: Bearer <API token>' or a registered TLS client certificate").build();
    }

    private Caller byApiToken(String token) {
        String hash = ApiTokens.sha256(token);
        return registry.findByTokenHash(hash).map(Caller::agency)
                .or(() -> operators.findByTokenHash(hash).map(op -> Caller.operator(op.name(), op.roles())))
                .orElseThrow(() -> ErrorCode.AUTHENTICATION_FAILED.exception("the API token is not valid").build());
    }

}
