package vn.lienthong.rest;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.access.CallerAuthentication;

/**
 * Authenticates every request to a resource method not marked {@link PermitAll}, before the
 * body is read. Refusals become problem documents through {@link ProblemResponses}.
 */
@Priority(Priorities.AUTHENTICATION)
final class CallerAuthenticationFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final CallerAuthentication authentication;

    @Context
    private @Nullable ResourceInfo resource;

    CallerAuthenticationFilter(CallerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        Caller caller = authentication.byApiToken(bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext().isSecure()));
    }

    private static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length());
    }
}
