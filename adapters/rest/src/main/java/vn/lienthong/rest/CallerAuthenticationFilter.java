package vn.lienthong.rest;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.access.CallerAuthentication;

/**
 * Authenticates every request to a resource method not marked {@link PermitAll}, before the
 * body is read: by API token, or by the TLS client certificate the connector verified.
 * Refusals become problem documents through {@link ProblemResponses}.
 */
@Priority(Priorities.AUTHENTICATION)
final class CallerAuthenticationFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final CallerAuthentication authentication;

    @Context
    private @Nullable ResourceInfo resource;

    @Context
    private @Nullable HttpServletRequest servletRequest;

    CallerAuthenticationFilter(CallerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        X509Certificate certificate = clientCertificate();
        Caller caller = authentication.authenticate(token, certificate);
        request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext().isSecure(),
                token != null ? "Bearer" : SecurityContext.CLIENT_CERT_AUTH));
    }

    private @Nullable X509Certificate clientCertificate() {
        Object chain = servletRequest == null ? null : servletRequest.getAttribute(CLIENT_CERTIFICATES);
        return chain instanceof X509Certificate[] certificates && certificates.length > 0 ? certificates[0] : null;
    }

    private static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length());
    }
}
