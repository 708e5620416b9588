package vn.lienthong.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.access.CallerAuthentication;
import vn.lienthong.core.error.GatewayException;

/**
 * Authenticates every SOAP call as the REST API does, when the request arrives and before
 * its body is read: by the API token of the {@code Authorization: Bearer} HTTP header, or by
 * the TLS client certificate the connector verified. The caller travels on the message to
 * the service; a refusal ends the call with a {@code GatewayFault} (see {@link GatewayFaults}).
 * GET requests pass: they can only ask for the WSDL and its schema, which are public.
 */
final class CallerAuthenticationInterceptor extends AbstractPhaseInterceptor<Message> {

    private static final String BEARER = "Bearer ";
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final CallerAuthentication authentication;

    CallerAuthenticationInterceptor(CallerAuthentication authentication) {
        super(Phase.RECEIVE);
        this.authentication = authentication;
    }

    /** The caller that {@link CallerAuthenticationInterceptor} authenticated for this message. */
    static Caller callerOf(@Nullable Object onMessage) {
        if (onMessage instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("SOAP operation reached without authentication");
    }

    @Override
    public void handleMessage(Message message) {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return;
        }
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        try {
            message.put(Caller.class, authentication.authenticate(bearerToken(request.getHeader("Authorization")),
                    clientCertificate(request)));
        } catch (GatewayException refused) {
            throw new Fault(refused);
        }
    }

    private static @Nullable X509Certificate clientCertificate(HttpServletRequest request) {
        return request.getAttribute(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0
                ? chain[0] : null;
    }

    private static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length());
    }
}
