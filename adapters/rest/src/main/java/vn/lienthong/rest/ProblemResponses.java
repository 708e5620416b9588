package vn.lienthong.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * Turns every failure into an RFC 9457 problem document with the stable {@code code} of the
 * error catalogue. Unexpected failures are logged with an incident id, and only that id is
 * returned: no stack traces, no internals, no payloads.
 */
final class ProblemResponses implements ExceptionMapper<Throwable> {

    static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final String TYPE_PREFIX = "urn:lienthong:problem:";
    private static final int MAX_DETAIL = 500;
    /** Set by the core on retryable refusals (busy, backlogged); becomes the Retry-After header. */
    private static final String RETRY_AFTER = "retryAfterSeconds";
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    /** Security refusals go to their own logger, so they can be kept and watched apart. */
    private static final Logger securityLog = LoggerFactory.getLogger("lienthong.security");

    @Context
    private @Nullable UriInfo uri;

    @Context
    private @Nullable Request request;

    @Context
    private @Nullable SecurityContext security;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            Logger refusals = gateway.code().category() == ErrorCode.Category.SECURITY ? securityLog : log;
            String detail = bounded(gateway.detail());
            refusals.info("refused {} {} from {}: {} {}", method(), path(), who(), gateway.code(), detail);
            return problem(gateway.code(), detail, gateway.properties());
        }
        if (failure instanceof JacksonException json) {
            return problem(ErrorCode.REQUEST_INVALID, bounded("the JSON body cannot be read: " + json.getOriginalMessage()), Map.of());
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            ErrorCode code = switch (web.getResponse().getStatus()) {
                case 404 -> ErrorCode.RESOURCE_NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 406 -> ErrorCode.NOT_ACCEPTABLE;
                case 415 -> ErrorCode.MEDIA_TYPE_UNSUPPORTED;
                default -> ErrorCode.REQUEST_INVALID;
            };
            String detail = code == ErrorCode.MEDIA_TYPE_UNSUPPORTED
                    ? "send envelopes with Content-Type: application/xml" : code.title() + ": " + path();
            return problem(code, detail, Map.of());
        }
        String incident = UUID.randomUUID().toString();
        log.error("incident {} on {} {}", incident, method(), path(), failure);
        return problem(ErrorCode.INTERNAL_ERROR, "the gateway failed; quote incident " + incident + " to its operators",
                Map.of("incident", incident));
    }

    /** Details may quote the caller's input; a bounded length keeps hostile input out of logs and answers. */
    private static String bounded(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    static Response problem(ErrorCode code, String detail, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code.name());
        body.put("title", code.title());
        body.put("status", code.httpStatus());
        body.put("code", code.name());
        body.put("detail", detail);
        properties.forEach(body::putIfAbsent);
        Response.ResponseBuilder response = Response.status(code.httpStatus()).type(PROBLEM_JSON).entity(body);
        if (properties.get(RETRY_AFTER) instanceof Number seconds) {
            response.header(HttpHeaders.RETRY_AFTER, seconds.longValue());
        }
        return response.build();
    }

    private String path() {
        return uri == null ? "?" : "/" + uri.getPath();
    }

    private String method() {
        return request == null ? "?" : request.getMethod();
    }

    private String who() {
        return security == null || security.getUserPrincipal() == null ? "unauthenticated caller"
                : security.getUserPrincipal().getName();
    }
}
