package vn.lienthong.app;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.PushReceiver;

/**
 * The monitoring material in {@code deploy/} checked with Prometheus's own tool, {@code promtool}
 * (Debian package {@code prometheus}), against a real gateway: the alert rules load and pass
 * their unit tests, the gateway's {@code /actuator/prometheus} output passes
 * {@code promtool check metrics}, and every {@code lienthong_*} metric the dashboard and the
 * rules query is one the gateway exports. Skipped, with the reason in the report, where promtool
 * is not installed; the checks that need no promtool (the rules' labels and runbooks, the
 * dashboard's shape) run everywhere.
 */
class PrometheusRulesIT {

    private static final String PROMTOOL = "promtool";
    private static final long TIMEOUT_SECONDS = 120;
    private static final Path ROOT = Path.of("../..");
    private static final Path RULES = ROOT.resolve("deploy/prometheus/lienthong-rules.yml");
    private static final Path RULE_TESTS = ROOT.resolve("deploy/prometheus/lienthong-rules.test.yml");
    private static final Path PROMETHEUS_CONFIG = ROOT.resolve("deploy/prometheus/prometheus.yml");
    private static final Path DASHBOARD = ROOT.resolve("deploy/grafana/lienthong-dashboard.json");
    private static final Path OPERATIONS = ROOT.resolve("docs/OPERATIONS.md");
    private static final Pattern CHECKED_METRIC = Pattern.compile("\\b(?:lienthong|resilience4j_circuitbreaker)_[a-z0-9_]+");

    /**
     * Metrics the dashboard or the rules may query that a gateway exports only after an event
     * this test does not provoke; each is checked by name where that event is tested.
     */
    private static final Map<String, String> ONLY_AFTER_EVENTS = Map.of(
            "lienthong_signatures_sha1_accepted_total",
            "only once an agency allowed SHA-1 (allowSha1Signatures) signs with it; TrustIT checks it",
            "lienthong_edxml_signatures_unverified_total",
            "only under lienthong.edxml.verify-signatures=false, the sample-replay policy; EdxmlSamplesIT runs it");

    /**
     * promtool's lint findings accepted on the gateway's own metrics (third-party meters, from
     * Spring Boot, Micrometer's binders and Tomcat, are not ours to rename, and every finding on
     * them is accepted). "no help text": Micrometer gives none to a counter registered by
     * {@code MeterRegistry.counter(name, tags)}, which is cosmetic in Prometheus; reported, so a
     * description can be added. Days to a certificate's expiry stay in days, the unit operators
     * act on and the alert counts in, against the lint's preference for seconds.
     */
    private static final List<Pattern> ACCEPTED_LINT = List.of(
            Pattern.compile("^lienthong_\\S+ no help text$"),
            Pattern.compile("^lienthong_certificate_(days_to_expiry|expiry_days) use base unit \"seconds\" instead of \"days\"$"));

    private static boolean promtoolInstalled;
    private static Traffic traffic;

    @TempDir
    private Path dir;

    @BeforeAll
    static void findPromtool() {
        promtoolInstalled = run(null, PROMTOOL, "--version").exitCode() == 0;
    }

    @AfterAll
    static void stop() {
        if (traffic != null) {
            traffic.close();
        }
    }

    /** Runs {@code promtool check rules} on the shipped rules / result: every rule loads. */
    @Test
    void rulesPassPromtoolCheck() {
        requirePromtool();
        Run check = run(null, PROMTOOL, "check", "rules", RULES.toString());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.output()).as(check.describe()).contains("SUCCESS");
        Run config = run(null, PROMTOOL, "check", "config", PROMETHEUS_CONFIG.toString());
        assertThat(config.exitCode()).as(config.describe()).isZero();
    }

    /** Runs the rules' unit tests with {@code promtool test rules} / result: each alert fires and stays quiet as written. */
    @Test
    void rulesPassTheirUnitTests() {
        requirePromtool();
        Run test = run(null, PROMTOOL, "test", "rules", RULE_TESTS.toString());
        assertThat(test.exitCode()).as(test.describe()).isZero();
        assertThat(test.output()).as(test.describe()).contains("SUCCESS");
    }

    /** Reads every alert / result: a for:, a severity, a summary, a description and a runbook that OPERATIONS.md has. */
    @Test
    void everyAlertSaysHowBadWhatAndWhereTheRunbookIs() throws IOException {
        Set<String> anchors = headingAnchors(Files.readString(OPERATIONS));
        List<Map<String, Object>> alerts = alerts();
        assertThat(alerts).isNotEmpty();
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertThat(alert).as(name).containsKey("for");
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
            assertThat(labels.get("severity")).as(name).isIn("warning", "critical");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
            assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
            String runbook = (String) annotations.get("runbook_url");
            assertThat(runbook).as(name).isEqualTo("docs/OPERATIONS.md#" + name.toLowerCase());
            assertThat(anchors).as("OPERATIONS.md has a heading for " + name).contains(name.toLowerCase());
        }
    }

    /** Reads the dashboard / result: valid JSON, a recent schema, the data source and agency variables. */
    @Test
    void dashboardHasItsVariables() throws IOException {
        JsonNode dashboard = TestHttp.JSON.readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(38);
        Map<String, JsonNode> variables = new HashMap<>();
        dashboard.get("templating").get("list").forEach(v -> variables.put(v.get("name").asString(), v));
        assertThat(variables.get("DS_PROMETHEUS").get("type").asString()).isEqualTo("datasource");
        assertThat(variables.get("DS_PROMETHEUS").get("query").asString()).isEqualTo("prometheus");
        assertThat(variables.get("agency").get("query").get("query").asString())
                .isEqualTo("label_values(lienthong_delivery_backlog, agency)");
        List<String> datasources = new ArrayList<>();
        panels(dashboard).forEach(panel -> panel.path("targets").forEach(
                target -> datasources.add(target.get("datasource").get("uid").asString())));
        assertThat(datasources).isNotEmpty().allMatch("${DS_PROMETHEUS}"::equals);
    }

    /** Loads every panel's query as a recording rule into promtool / result: all are valid PromQL. */
    @Test
    void dashboardQueriesAreValidPromql() throws IOException {
        requirePromtool();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = panelQueries();
        for (int i = 0; i < queries.size(); i++) {
            // Grafana's variables, as Grafana would fill them in.
            String query = queries.get(i).replace("$__rate_interval", "1m").replace("$__range", "6h")
                    .replace("$agency", ".*");
            rules.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: '").append(query.replace("'", "''").replace("\n", " ")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        Run check = run(null, PROMTOOL, "check", "rules", file.toString());
        assertThat(check.exitCode()).as(check.describe() + "\n" + rules).isZero();
    }

    /**
     * Drives traffic through a gateway and pipes its {@code /actuator/prometheus} to
     * {@code promtool check metrics} / result: it parses; the only lint findings on lienthong
     * metrics are the accepted ones.
     */
    @Test
    void liveMetricsPassPromtoolCheckMetrics() {
        requirePromtool();
        String exposition = traffic().lastScrape;
        Run check = run(exposition.getBytes(StandardCharsets.UTF_8), PROMTOOL, "check", "metrics");
        // promtool: 0 clean, 3 lint findings only; anything else (1) is an exposition it cannot parse.
        assertThat(check.exitCode()).as(check.describe()).isIn(0, 3);
        List<String> findings = check.output().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> ours = findings.stream().filter(line -> line.startsWith("lienthong_")).toList();
        List<String> accepted = ours.stream().filter(line -> ACCEPTED_LINT.stream().anyMatch(p -> p.matcher(line).matches()))
                .toList();
        if (!accepted.isEmpty()) {
            System.out.println("promtool check metrics, accepted on lienthong metrics: " + accepted);
        }
        assertThat(ours).as("promtool lint findings on the gateway's own metrics:\n" + check.output())
                .containsExactlyInAnyOrderElementsOf(accepted);
    }

    /**
     * Collects every {@code lienthong_*} metric (and the push circuit breakers' {@code
     * resilience4j_circuitbreaker_*}) the dashboard and the alert rules query /
     * result: each is in the gateway's output after the traffic, or allow-listed with a reason.
     */
    @Test
    void everyMetricQueriedIsExported() throws IOException {
        requirePromtool();
        Set<String> exported = traffic().exported;
        Set<String> queried = new TreeSet<>();
        dashboardQueries().forEach(query -> queried.addAll(metricNames(query)));
        Files.readAllLines(RULES).stream().filter(line -> !line.strip().startsWith("#"))
                .forEach(line -> queried.addAll(metricNames(line)));
        assertThat(queried).contains("lienthong_deliveries_total", "lienthong_delivery_backlog", "resilience4j_circuitbreaker_state");

        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        missing.removeAll(ONLY_AFTER_EVENTS.keySet());
        assertThat(missing).as("lienthong metrics queried by the dashboard or the rules that the gateway does not export; "
                + "exported: " + exported.stream().filter(n -> CHECKED_METRIC.matcher(n).matches()).toList()).isEmpty();
    }

    private static void requirePromtool() {
        assumeTrue(promtoolInstalled,
                "promtool is not installed (Debian package prometheus): the deploy/ checks with promtool are skipped");
    }

    /** The traffic, started once for the tests that need it: a gateway start costs seconds. */
    private static synchronized Traffic traffic() {
        if (traffic == null) {
            traffic = new Traffic();
        }
        return traffic;
    }

    /**
     * A gateway with the demo's portal simulator, and traffic that makes the meters the
     * dashboard shows appear: an accepted and a refused submission, a push delivered, an
     * envelope pulled and acknowledged, an endpoint down long enough for a backlog and retries
     * (then back), and a dead letter. Meters that exist only while something waits are
     * scraped while it waits; the names of both scrapes count as exported.
     */
    private static final class Traffic implements AutoCloseable {

        private final PushReceiver landOffice;
        private final PushReceiver flaky;
        private final PushReceiver down;
        private final TestGateway gateway;
        private final Set<String> exported = new TreeSet<>();
        private final String lastScrape;

        Traffic() {
            AtomicBoolean flakyUp = new AtomicBoolean();
            try {
                landOffice = new PushReceiver(0, "/push", delivery -> { });
                flaky = new PushReceiver(0, "/push", delivery -> {
                    if (!flakyUp.get()) {
                        throw new IllegalStateException("down for now");
                    }
                });
                down = new PushReceiver(0, "/push", delivery -> {
                    throw new IllegalStateException("down for good");
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The breaker would keep the flaky agency's deliveries waiting 30 s after it is back;
            // the deadline watch publishes the hand-off gauges, by default a minute after the start.
            gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:" + landOffice.port() + "/push"),
                    "--lienthong.demo.portal-simulator.enabled=true",
                    "--lienthong.tracking.watch-interval=1s",
                    "--lienthong.delivery.circuit-breaker.window=1000",
                    "--lienthong.delivery.circuit-breaker.minimum-pushes=1000");
            String flakyAgency = TestAgencies.pushAgency(gateway, "http://localhost:" + flaky.port() + "/push",
                    Map.of("maxAttempts", 1000, "initialDelay", "200ms", "multiplier", 1.0, "maxDelay", "200ms")).code();
            String downAgency = TestAgencies.pushAgency(gateway, "http://localhost:" + down.port() + "/push",
                    Map.of("maxAttempts", 2, "initialDelay", "50ms", "multiplier", 1.0, "maxDelay", "50ms")).code();

            submit(TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE));
            submit(TestEnvelopes.handoff().to(flakyAgency));
            submit(TestEnvelopes.handoff().to(downAgency));
            byte[] tampered = new String(gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().to(TestGateway.FINANCE).xml()),
                    StandardCharsets.UTF_8).replace("Nguyễn Văn An", "Nguyễn Văn Ân").getBytes(StandardCharsets.UTF_8);
            assertThat(TestHttp.submit(gateway, TestGateway.DESK, tampered).statusCode()).isEqualTo(400);

            var finance = gateway.client(TestGateway.FINANCE);
            String pulled = await().atMost(Duration.ofSeconds(30))
                    .until(() -> finance.inbox(500).stream().findFirst().map(item -> item.envelopeId()).orElse(null),
                            id -> id != null);
            finance.fetch(pulled);
            finance.acknowledge(pulled);

            // While the flaky agency is down: its backlog, and a dead letter for the other. The
            // backlog and dead-letter gauges are sampled about once a second, after the counters.
            String backlog = "lienthong_delivery_backlog{agency=\"" + flakyAgency + "\"}";
            await().atMost(Duration.ofSeconds(30)).until(this::scrape, text -> text.contains(backlog)
                    && text.contains("outcome=\"dead_lettered\",recipient=\"" + downAgency + "\""));
            String waiting = await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                    .until(this::scrape, text -> text.contains(backlog));
            exported.addAll(names(waiting));

            flakyUp.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> flaky.received().size() == 1 && landOffice.received().size() == 1);
            lastScrape = await().atMost(Duration.ofSeconds(30)).until(this::scrape,
                    text -> text.contains("outcome=\"delivered\",recipient=\"" + flakyAgency + "\""));
            exported.addAll(names(lastScrape));
        }

        private void submit(TestEnvelopes.Builder envelope) {
            gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));
        }

        private String scrape() {
            return TestHttp.sendActuator(gateway, "prometheus");
        }

        /** The names of the samples in an exposition, as PromQL selects them. */
        private static Set<String> names(String exposition) {
            return exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public void close() {
            gateway.close();
            Stream.of(landOffice, flaky, down).forEach(PushReceiver::close);
        }
    }

    private static List<Map<String, Object>> alerts() throws IOException {
        Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(RULES));
        List<Map<String, Object>> alerts = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            rules.stream().filter(rule -> rule.containsKey("alert")).forEach(alerts::add);
        }
        return alerts;
    }

    /** The PromQL of the dashboard's panels. */
    private static List<String> panelQueries() throws IOException {
        JsonNode dashboard = TestHttp.JSON.readTree(Files.readString(DASHBOARD));
        List<String> queries = new ArrayList<>();
        panels(dashboard).forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.get("expr").asString())));
        assertThat(queries).isNotEmpty();
        return queries;
    }

    /** Every query of the dashboard: its panels' PromQL, and its variables' Grafana queries ({@code label_values(…)}). */
    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>(panelQueries());
        JsonNode dashboard = TestHttp.JSON.readTree(Files.readString(DASHBOARD));
        dashboard.get("templating").get("list").forEach(variable -> {
            if (variable.get("type").asString().equals("query")) {
                queries.add(variable.get("query").get("query").asString());
            }
        });
        return queries;
    }

    /** Panels, with those inside collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    private static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = CHECKED_METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** GitHub's anchors for the headings of a Markdown file: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> headingAnchors(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").strip().toLowerCase()
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private record Run(List<String> command, int exitCode, String output) {
        String describe() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }

    /** Runs a command with {@code input} on its standard input (none when null), its two outputs together. */
    private static Run run(byte @Nullable [] input, String... command) {
        List<String> line = List.of(command);
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input);
                }
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", line) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(line, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Not installed, or not runnable: the same for the tests that need it.
            return new Run(line, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
