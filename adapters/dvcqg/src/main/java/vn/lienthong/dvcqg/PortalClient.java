package vn.lienthong.dvcqg;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import vn.lienthong.core.portal.NationalPortal;
import vn.lienthong.core.portal.PortalCall;
import vn.lienthong.core.portal.PortalRejectedException;
import vn.lienthong.core.portal.PortalService;
import vn.lienthong.core.portal.PortalUnavailableException;

/**
 * The national portal's integration service over HTTP (docs/PORTAL.md, "The portal client").
 * One session, shared by every thread, is obtained on the first call and kept; when the portal
 * answers a session-expired code the client authenticates again once and repeats the call once.
 * The credentials and the session never appear in a log line or an exception message.
 */
public final class PortalClient implements NationalPortal {

    /** Fields the client sets on every call; a {@link PortalCall} may not carry them. */
    static final List<String> ENVELOPE_FIELDS = List.of("session", "madonvi", "service");

    private static final Logger log = LoggerFactory.getLogger(PortalClient.class);
    private static final int MAX_MESSAGE = 300;
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final PortalHttp http;
    private final URI authUri;
    private final URI integrationUri;
    private final String username;
    private final String password;
    private final String agencyCode;
    private final Set<Integer> sessionExpiredCodes;
    private final Object sessionLock = new Object();
    private volatile @Nullable String session;

    public PortalClient(PortalProperties properties) {
        URI base = require(properties.baseUrl(), "base-url");
        this.username = require(properties.username(), "username");
        this.password = require(properties.password(), "password");
        this.agencyCode = require(properties.agencyCode(), "agency-code");
        this.authUri = resolve(base, properties.authPath());
        this.integrationUri = resolve(base, properties.integrationPath());
        this.sessionExpiredCodes = Set.copyOf(properties.sessionExpiredCodes());
        this.http = new PortalHttp(properties.connectTimeout(), properties.callTimeout(), agencyCode);
    }

    @Override
    public void send(PortalCall call) {
        call(call);
    }

    @Override
    public Optional<Map<String, Object>> lookUp(String dossierCode) {
        JsonNode data = call(new PortalCall(PortalService.TRA_CUU_HO_SO, Map.of("MaHoSo", dossierCode))).path("data");
        if (data.isArray()) {
            data = data.path(0);
        }
        return data.isObject() ? Optional.of(PortalHttp.json().treeToValue(data, OBJECT)) : Optional.empty();
    }

    /** The call, with one renewal of the session if the portal says it expired. */
    private JsonNode call(PortalCall call) {
        String service = call.service().wireName();
        String used = currentSession();
        PortalHttp.Reply reply = post(call, used);
        if (sessionExpiredCodes.contains(reply.errorCode())) {
            log.info("portal session no longer valid (error_code {}); authenticating again", reply.errorCode());
            reply = post(call, renew(used));
            if (sessionExpiredCodes.contains(reply.errorCode())) {
                throw new PortalUnavailableException(service + ": the portal refused a new session too (error_code "
                        + reply.errorCode() + ": " + redact(reply.message()) + ")");
            }
        }
        if (reply.errorCode() != 0) {
            throw new PortalRejectedException(reply.errorCode(), service + " refused by the portal with error_code "
                    + reply.errorCode() + ": " + redact(reply.message()));
        }
        return reply.body();
    }

    private PortalHttp.Reply post(PortalCall call, String sessionToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session", sessionToken);
        body.put("madonvi", agencyCode);
        body.put("service", call.service().wireName());
        call.fields().forEach((name, value) -> {
            if (ENVELOPE_FIELDS.contains(name)) {
                throw new IllegalArgumentException("a portal call may not set '" + name + "'; the client does");
            }
            body.put(name, value);
        });
        long started = System.nanoTime();
        PortalHttp.Reply reply = http.post(integrationUri, body, call.service().wireName());
        log.debug("portal {} answered error_code {} in {} ms", call.service().wireName(), reply.errorCode(),
                (System.nanoTime() - started) / 1_000_000);
        return reply;
    }

    private String currentSession() {
        String current = session;
        return current != null ? current : renew(null);
    }

    /**
     * A new session, unless another thread already replaced {@code stale}: then that one. One
     * thread authenticates at a time, so an expiry seen by many calls costs one authentication.
     */
    private String renew(@Nullable String stale) {
        synchronized (sessionLock) {
            String current = session;
            if (current != null && !current.equals(stale)) {
                return current;
            }
            session = null;
            String fresh = authenticate();
            session = fresh;
            return fresh;
        }
    }

    private String authenticate() {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("username", username);
        credentials.put("password", password);
        PortalHttp.Reply reply = http.post(authUri, credentials, "authentication");
        String token = reply.body().path("session").asString("");
        if (reply.errorCode() != 0 || token.isBlank()) {
            throw new PortalUnavailableException("authentication: the portal at " + authUri + " refused agency "
                    + agencyCode + " (error_code " + reply.errorCode() + ": " + redact(reply.message())
                    + "); check lienthong.portal.username and password");
        }
        log.info("authenticated to the portal at {} for agency {}", authUri, agencyCode);
        return token;
    }

    /** Portal messages may echo what they were sent; the secrets are masked before they go anywhere. */
    private String redact(String message) {
        String masked = message.replace(password, "***");
        String current = session;
        if (current != null) {
            masked = masked.replace(current, "***");
        }
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "…";
    }

    private static URI resolve(URI base, String path) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + (path.startsWith("/") ? path : "/" + path));
    }

    private static <T> T require(@Nullable T value, String key) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("lienthong.portal." + key + " is required when lienthong.portal.enabled is true");
        }
        return value;
    }
}
