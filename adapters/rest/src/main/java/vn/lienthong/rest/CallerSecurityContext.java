package vn.lienthong.rest;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Locale;
import vn.lienthong.core.access.Caller;

/** Carries the authenticated {@link Caller} from the authentication filter to the resources. */
final class CallerSecurityContext implements SecurityContext {

    private final Caller caller;
    private final boolean secure;
    private final String scheme;

    CallerSecurityContext(Caller caller, boolean secure, String scheme) {
        this.caller = caller;
        this.secure = secure;
        this.scheme = scheme;
    }

    /** The caller of the current request; only resources behind the filter call this. */
    static Caller callerOf(SecurityContext context) {
        if (context instanceof CallerSecurityContext callerContext) {
            return callerContext.caller;
        }
        throw new IllegalStateException("resource reached without authentication");
    }

    @Override
    public Principal getUserPrincipal() {
        return caller::toString;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.roles().stream().anyMatch(r -> r.name().toLowerCase(Locale.ROOT).equals(role));
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return scheme;
    }
}
