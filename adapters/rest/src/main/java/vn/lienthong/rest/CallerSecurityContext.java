package vn.lienthong.rest;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import vn.lienthong.core.access.Caller;

/** Carries the authenticated {@link Caller} from the authentication filter to the resources. */
final class CallerSecurityContext implements SecurityContext {

    private final Caller caller;
    private final boolean secure;

    CallerSecurityContext(Caller caller, boolean secure) {
        this.caller = caller;
        this.secure = secure;
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
        return () -> caller.agency().value();
    }

    @Override
    public boolean isUserInRole(String role) {
        return "agency".equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
