package vn.lienthong.core.access;

import org.jspecify.annotations.Nullable;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/** Turns the credentials an adapter received into a {@link Caller}, or refuses them. */
public final class CallerAuthentication {

    private final AgencyRegistry registry;

    public CallerAuthentication(AgencyRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param bearerToken the token from the request, or null when none was sent
     * @throws GatewayException AUTHENTICATION_REQUIRED or AUTHENTICATION_FAILED
     */
    public Caller byApiToken(@Nullable String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw ErrorCode.AUTHENTICATION_REQUIRED.exception("send 'Authorization: Bearer <agency API token>'").build();
        }
        return registry.findByTokenHash(ApiTokens.sha256(bearerToken.strip()))
                .map(Caller::new)
                .orElseThrow(() -> ErrorCode.AUTHENTICATION_FAILED.exception("the API token is not valid").build());
    }
}
