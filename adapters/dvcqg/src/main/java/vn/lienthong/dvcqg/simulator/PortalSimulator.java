package vn.lienthong.dvcqg.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the national portal's integration service, over real HTTP (docs/PORTAL.md):
 * {@code POST /api/auth} gives a session to an account's username, password and {@code dstcode};
 * {@code POST /api/integration} takes {@code DongBoHoSoMC}, {@code CapNhatTienDoHoSoMC} and
 * {@code TraCuuHoSo} with that session, validates them as the portal documents, and stores what
 * it accepts. {@code POST /simulator/mode} makes it fail on purpose, {@code GET /simulator/state}
 * shows what it holds, {@code POST /simulator/reset} forgets it all.
 */
public final class PortalSimulator implements AutoCloseable {

    public static final String AUTH_PATH = "/api/auth";
    public static final String INTEGRATION_PATH = "/api/integration";
    public static final String MODE_PATH = "/simulator/mode";
    public static final String STATE_PATH = "/simulator/state";
    public static final String RESET_PATH = "/simulator/reset";
    public static final String DSTCODE = "dstcode";

    private static final System.Logger log = System.getLogger(PortalSimulator.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Settings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<String> issuedSessions = new CopyOnWriteArrayList<>();
    private final PortalRecords records = new PortalRecords();
    private final Object modeLock = new Object();
    private SimulatorMode mode = SimulatorMode.NORMAL;
    private int remaining;

    /**
     * @param host the address to listen on ({@code localhost} keeps it private to the machine)
     * @param port 0 for any free port
     * @param accounts who may authenticate, and for which agency
     * @param sessionLifetime how long a session is accepted after it was given
     */
    public record Settings(String host, int port, List<SimulatorAccount> accounts, Duration sessionLifetime) {

        public Settings {
            accounts = List.copyOf(accounts);
        }

        /** On localhost, with one account and sessions of 30 minutes. */
        public static Settings of(int port, SimulatorAccount account) {
            return new Settings("localhost", port, List.of(account), Duration.ofMinutes(30));
        }
    }

    private record Session(String agencyCode, Instant expiresAt) {
    }

    private PortalSimulator(Settings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 50);
        AtomicInteger threads = new AtomicInteger();
        // A slow answer holds its thread; the control endpoints must still answer meanwhile.
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "portal-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(AUTH_PATH, exchange -> handle(exchange, "POST", this::authenticate));
        server.createContext(INTEGRATION_PATH, exchange -> handle(exchange, "POST", this::integrate));
        server.createContext(MODE_PATH, exchange -> handle(exchange, "POST", this::changeMode));
        server.createContext(STATE_PATH, exchange -> handle(exchange, "GET", (body, dstcode) -> Answer.json(200, state())));
        server.createContext(RESET_PATH, exchange -> handle(exchange, "POST", (body, dstcode) -> {
            reset();
            return Answer.json(200, Map.of("reset", true));
        }));
        server.start();
    }

    /** Starts listening; {@link #close} stops. */
    public static PortalSimulator start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    public static PortalSimulator start(Settings settings, Clock clock) {
        try {
            return new PortalSimulator(settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("the portal simulator cannot listen on " + settings.host() + ":"
                    + settings.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where a client reaches it, e.g. {@code http://localhost:8095}. */
    public URI baseUri() {
        return URI.create("http://" + settings.host() + ":" + port());
    }

    /** The dossiers held, by {@code MaHoSo}, each as last received. */
    public Map<String, Map<String, Object>> dossiers() {
        return records.dossiers();
    }

    /** The progress records held for a dossier, in the order first received. */
    public List<Map<String, Object>> progress(String dossierCode) {
        return records.progress(dossierCode);
    }

    /** Every request to the portal endpoints since the start or the last reset, in order. */
    public List<ReceivedCall> calls() {
        return records.calls();
    }

    /** Every session token handed out since the start, for tests that check none leaks into logs or messages. */
    public List<String> issuedSessions() {
        return List.copyOf(issuedSessions);
    }

    /** What {@code GET /simulator/state} shows. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        synchronized (modeLock) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("mode", mode.kind().wireName());
            shown.put("slowMillis", mode.slow().toMillis());
            shown.put("remaining", remaining);
            state.put("mode", shown);
        }
        state.putAll(records.state());
        return state;
    }

    /** Changes how the simulator answers from the next request on. */
    public void mode(SimulatorMode newMode) {
        synchronized (modeLock) {
            if (newMode.kind() == SimulatorMode.Kind.SESSION_EXPIRED) {
                sessions.clear();
                mode = SimulatorMode.NORMAL;
                remaining = 0;
            } else {
                mode = newMode;
                remaining = newMode.times();
            }
        }
        log.log(Level.INFO, "portal simulator: mode {0}", newMode);
    }

    /** Forgets everything held and every session; back to normal. */
    public void reset() {
        sessions.clear();
        records.clear();
        mode(SimulatorMode.NORMAL);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Answer authenticate(Map<String, Object> body, @Nullable String dstcode) {
        Map<String, Object> shown = new LinkedHashMap<>(body);
        shown.remove("password");
        Optional<Answer> failure = failure(false, AUTH_PATH, null, dstcode, shown);
        if (failure.isPresent()) {
            return failure.get();
        }
        Optional<SimulatorAccount> account = settings.accounts().stream()
                .filter(candidate -> candidate.username().equals(body.get("username"))
                        && candidate.password().equals(body.get("password"))
                        && candidate.agencyCode().equals(dstcode))
                .findFirst();
        if (account.isEmpty()) {
            return refuse(ReceivedCall.AUTH, null, dstcode, shown, new RefusedCall(SimulatorErrorCode.FORBIDDEN,
                    "username, password or dstcode not accepted"));
        }
        byte[] token = new byte[24];
        random.nextBytes(token);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        issuedSessions.add(session);
        sessions.put(session, new Session(account.get().agencyCode(), clock.instant().plus(settings.sessionLifetime())));
        records.record(clock.instant(), ReceivedCall.AUTH, null, dstcode, shown, 200, 0, "authenticated");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error_code", SimulatorErrorCode.OK.code());
        answer.put("message", "authenticated");
        answer.put("session", session);
        return Answer.json(200, answer);
    }

    private Answer integrate(Map<String, Object> body, @Nullable String dstcode) {
        Map<String, Object> shown = new LinkedHashMap<>(body);
        shown.remove("session");
        String service = body.get("service") instanceof String name ? name : null;
        Optional<Answer> failure = failure(true, INTEGRATION_PATH, service, dstcode, shown);
        if (failure.isPresent()) {
            return failure.get();
        }
        try {
            String agency = sessionAgency(body.get("session"));
            if (!agency.equals(dstcode)) {
                throw new RefusedCall(SimulatorErrorCode.FORBIDDEN, "dstcode: not the agency of the session");
            }
            if (!agency.equals(body.get("madonvi"))) {
                throw new RefusedCall(SimulatorErrorCode.FORBIDDEN, "madonvi: not the agency of the session");
            }
            if (validationErrorDue()) {
                throw RecordValidation.invalid("data", "refused by the simulator's validation-error mode");
            }
            Map<String, Object> answer = serve(service, body);
            records.record(clock.instant(), ReceivedCall.INTEGRATION, service, dstcode, shown, 200, 0,
                    String.valueOf(answer.get("message")));
            log.log(Level.INFO, "portal simulator: {0} from {1} accepted", service, agency);
            return Answer.json(200, answer);
        } catch (RefusedCall refused) {
            return refuse(ReceivedCall.INTEGRATION, service, dstcode, shown, refused);
        }
    }

    private Map<String, Object> serve(@Nullable String service, Map<String, Object> body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error_code", SimulatorErrorCode.OK.code());
        if (service == null) {
            throw RecordValidation.invalid("service", "required");
        }
        switch (service) {
            case "DongBoHoSoMC" -> {
                List<Map<String, Object>> dossiers = RecordValidation.dossierSync(body);
                records.upsertDossiers(dossiers);
                answer.put("message", dossiers.size() + " dossier(s) synchronised");
            }
            case "CapNhatTienDoHoSoMC" -> {
                List<Map<String, Object>> steps = RecordValidation.progressUpdate(body);
                records.addProgress(steps);
                answer.put("message", steps.size() + " progress record(s) taken");
            }
            case "TraCuuHoSo" -> {
                String code = RecordValidation.lookUp(body);
                Optional<Map<String, Object>> dossier = records.dossier(code);
                answer.put("message", dossier.isPresent() ? "found" : "no such dossier");
                answer.put("data", dossier.orElse(null));
                answer.put("progress", records.progress(code));
            }
            default -> throw new RefusedCall(SimulatorErrorCode.UNKNOWN_SERVICE,
                    "service: '" + service + "' is not offered by the simulator");
        }
        return answer;
    }

    private String sessionAgency(@Nullable Object token) {
        Session session = token instanceof String text ? sessions.get(text) : null;
        if (session == null || !clock.instant().isBefore(session.expiresAt())) {
            throw new RefusedCall(SimulatorErrorCode.SESSION_EXPIRED, "session: expired or unknown; authenticate again");
        }
        return session.agencyCode();
    }

    /** Down or slow, as told: the answer when down, after the delay when slow. */
    private Optional<Answer> failure(boolean integration, String path, @Nullable String service,
                                     @Nullable String dstcode, Map<String, Object> shown) {
        SimulatorMode current;
        synchronized (modeLock) {
            current = mode;
            if (current.kind() == SimulatorMode.Kind.DOWN || current.kind() == SimulatorMode.Kind.SLOW) {
                countDown();
            }
        }
        String endpoint = integration ? ReceivedCall.INTEGRATION : ReceivedCall.AUTH;
        if (current.kind() == SimulatorMode.Kind.DOWN) {
            records.record(clock.instant(), endpoint, service, dstcode, shown, 503, -1, "down (simulated)");
            log.log(Level.INFO, "portal simulator: down, {0} answered 503", path);
            return Optional.of(new Answer(503, "text/plain", "portal unavailable (simulated)".getBytes(StandardCharsets.UTF_8)));
        }
        if (current.kind() == SimulatorMode.Kind.SLOW) {
            try {
                Thread.sleep(current.slow().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.empty();
    }

    private boolean validationErrorDue() {
        synchronized (modeLock) {
            if (mode.kind() != SimulatorMode.Kind.VALIDATION_ERROR) {
                return false;
            }
            countDown();
            return true;
        }
    }

    /** One request of a mode that lasts {@code times} requests. Called holding {@link #modeLock}. */
    private void countDown() {
        if (mode.times() > 0 && --remaining <= 0) {
            mode = SimulatorMode.NORMAL;
            remaining = 0;
        }
    }

    private Answer refuse(String endpoint, @Nullable String service, @Nullable String dstcode,
                          Map<String, Object> shown, RefusedCall refused) {
        records.record(clock.instant(), endpoint, service, dstcode, shown, 200, refused.code().code(),
                refused.getMessage());
        log.log(Level.INFO, "portal simulator: {0} refused with {1}: {2}",
                service == null ? endpoint : service, refused.code().code(), refused.getMessage());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error_code", refused.code().code());
        answer.put("message", refused.getMessage());
        return Answer.json(200, answer);
    }

    private Answer changeMode(Map<String, Object> body, @Nullable String dstcode) {
        try {
            SimulatorMode.Kind kind = SimulatorMode.Kind.fromWireName(String.valueOf(body.get("mode")));
            long slowMillis = body.get("slowMillis") instanceof Number number ? number.longValue() : 0;
            int times = body.get("times") instanceof Number number ? number.intValue() : 0;
            mode(new SimulatorMode(kind, Duration.ofMillis(slowMillis), times));
            return Answer.json(200, state().get("mode"));
        } catch (IllegalArgumentException e) {
            return Answer.json(400, Map.of("message", e.getMessage()));
        }
    }

    private void handle(HttpExchange exchange, String method, Endpoint endpoint) {
        try (exchange) {
            Answer answer = answer(exchange, method, endpoint);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (IOException e) {
            // The client went away (a timed-out call, typically): nothing to answer.
            log.log(Level.DEBUG, "portal simulator: answer not sent: {0}", e.toString());
        }
    }

    private Answer answer(HttpExchange exchange, String method, Endpoint endpoint) throws IOException {
        if (!exchange.getRequestMethod().equals(method)) {
            return Answer.json(405, Map.of("message", "use " + method));
        }
        try {
            if (method.equals("GET")) {
                return endpoint.answer(Map.of(), null);
            }
            return parse(exchange.getRequestBody())
                    .map(body -> endpoint.answer(body, exchange.getRequestHeaders().getFirst(DSTCODE)))
                    .orElseGet(() -> Answer.json(200, Map.of("error_code", SimulatorErrorCode.VALIDATION.code(),
                            "message", "body: not a JSON object (of at most 16 MiB)")));
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "portal simulator: failed to answer " + exchange.getRequestURI(), e);
            return Answer.json(500, Map.of("message", "simulator failure: " + e));
        }
    }

    private static Optional<Map<String, Object>> parse(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(bytes, OBJECT));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    @FunctionalInterface
    private interface Endpoint {
        Answer answer(Map<String, Object> body, @Nullable String dstcode);
    }

    private record Answer(int status, String contentType, byte[] body) {

        static Answer json(int status, Object value) {
            return new Answer(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
        }
    }
}
