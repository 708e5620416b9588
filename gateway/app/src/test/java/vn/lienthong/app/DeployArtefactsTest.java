package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What can be checked of {@code deploy/} without a container engine or a cluster: every YAML
 * file parses; the compose file mounts files that exist and are built where it says, names
 * only variables {@code env.example} lists, and passes {@code docker compose config} where the
 * compose client is installed; the Kubernetes manifests pass the Kubernetes API schema (the
 * official Java client's generated model, which refuses unknown fields and missing required
 * ones); the probes ask the health groups the gateway serves; every environment variable
 * names a real setting; and nothing secret is committed.
 */
class DeployArtefactsTest {

    private static final Path ROOT = Path.of("../..");
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path COMPOSE_DIR = DEPLOY.resolve("compose");
    private static final Path COMPOSE = COMPOSE_DIR.resolve("docker-compose.yml");
    private static final Path ENV_EXAMPLE = COMPOSE_DIR.resolve("env.example");
    private static final Path ARTEMIS = DEPLOY.resolve("artemis");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path CONFIGURATION = ROOT.resolve("docs/CONFIGURATION.md");
    private static final List<String> GATEWAYS = List.of("gateway-1", "gateway-2");
    private static final String LIVENESS_GROUP = "liveness";
    private static final String READINESS_GROUP = "readiness";
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");
    private static final Pattern REQUIRED_BROKER_PROPERTY = Pattern.compile("\\$\\{([a-zA-Z0-9.\\-]+)}");
    private static final Pattern BROKER_PROPERTY = Pattern.compile("\\$\\{([a-zA-Z0-9.\\-]+)(?::[^}]*)?}");
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([a-zA-Z0-9.\\-]+)=");
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("^\\| `([a-z][a-z0-9.\\-]*)`", Pattern.MULTILINE);
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");

    /** The Kubernetes kinds deploy/k8s uses, each with its generated schema class. */
    private static final Map<String, Validator> SCHEMAS = Map.of(
            "v1/Namespace", V1Namespace::validateJsonElement,
            "v1/ConfigMap", V1ConfigMap::validateJsonElement,
            "v1/Secret", V1Secret::validateJsonElement,
            "v1/Service", V1Service::validateJsonElement,
            "apps/v1/Deployment", V1Deployment::validateJsonElement,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement);

    @FunctionalInterface
    private interface Validator {
        void validate(JsonElement json) throws IOException;
    }

    /** Parses every YAML file under deploy/, each document of it / result: all well-formed. */
    @Test
    void everyYamlFileIsWellFormed() throws IOException {
        List<Path> files = yamlFiles(DEPLOY);
        assertThat(files).as("YAML files under deploy/").extracting(Path::toString)
                .anyMatch(name -> name.endsWith("docker-compose.yml"))
                .anyMatch(name -> name.endsWith("deployment.yaml"));
        for (Path file : files) {
            assertThat(documents(file)).as("documents of %s", file).isNotEmpty().doesNotContainNull();
        }
    }

    /** Resolves every file the compose file mounts or builds from / result: each exists, or is made by the build or the operator. */
    @Test
    void composeReferencesFilesThatExist() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Object volume : list(map(service.getValue()).get("volumes"))) {
                String source = volume.toString().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    continue; // a named volume
                }
                Path path = COMPOSE_DIR.resolve(source).normalize();
                if (path.startsWith(ARTEMIS.normalize()) || path.startsWith(COMPOSE_DIR.resolve("local").normalize())) {
                    continue; // the broker pair's files: composeWiresTheArtemisPair; local/: the operator's
                }
                if (path.getParent().endsWith("target")) {
                    assertBuiltAs(path);
                } else if (!Files.exists(path)) {
                    missing.add(service.getKey() + ": " + source);
                }
            }
        }
        assertThat(missing).as("mounted files missing").isEmpty();

        for (String gateway : GATEWAYS) {
            Map<String, Object> build = map(map(services.get(gateway)).get("build"));
            Path context = COMPOSE_DIR.resolve(build.get("context").toString()).normalize();
            assertThat(context).as("%s builds from the gateway's jar folder", gateway)
                    .isEqualTo(ROOT.resolve("gateway/app/target").normalize());
            Path dockerfile = context.resolve(build.get("dockerfile").toString()).normalize();
            assertThat(dockerfile).as("%s's Dockerfile", gateway).isRegularFile();
            assertThat(Files.readString(dockerfile)).as("the Dockerfile copies the jar the build makes")
                    .contains("COPY " + finalName(ROOT.resolve("gateway/app/pom.xml")) + ".jar ");
        }
        for (Object secret : map(compose().get("secrets")).values()) {
            String file = map(secret).get("file").toString();
            assertThat(COMPOSE_DIR.resolve(file).normalize().startsWith(COMPOSE_DIR.resolve("local").normalize()))
                    .as("secret file %s is the operator's, in the git-ignored local/", file).isTrue();
        }
        assertThat(Files.readAllLines(COMPOSE_DIR.resolve(".gitignore"))).contains(".env", "local/");
    }

    /** Reads every ${VARIABLE} of the compose file / result: env.example lists it, with an empty value for each password. */
    @Test
    void composeVariablesAreInTheEnvExample() throws IOException {
        Map<String, String> example = envExample();
        Set<String> used = new TreeSet<>();
        Matcher variable = INTERPOLATION.matcher(Files.readString(COMPOSE));
        while (variable.find()) {
            used.add(variable.group(1));
        }
        assertThat(example.keySet()).as("variables in env.example").containsAll(used);
        example.forEach((name, value) -> {
            if (name.contains("PASSWORD")) {
                assertThat(value).as("%s in env.example: the operator chooses it", name).isEmpty();
            }
        });
    }

    /**
     * Mounts deploy/artemis/{primary,backup}/broker.xml as the image expects / result: each broker
     * gets every system property its file requires, and no property the file does not read.
     */
    @Test
    void composeWiresTheArtemisPair() throws IOException {
        assumeTrue(Files.isDirectory(ARTEMIS), "deploy/artemis (the broker pair's configuration) is not in this tree");
        Map<String, Object> services = map(compose().get("services"));
        for (String broker : List.of("primary", "backup")) {
            Map<String, Object> service = map(services.get("artemis-" + broker));
            Path brokerXml = ARTEMIS.resolve(broker).resolve("broker.xml");
            assertThat(brokerXml).isRegularFile();
            assertThat(list(service.get("volumes"))).as("artemis-%s mounts", broker)
                    .contains("../artemis/" + broker + "/broker.xml:/var/lib/artemis-instance/etc-override/broker.xml:ro");
            String xml = Files.readString(brokerXml);
            String javaArgs = map(service.get("environment")).get("JAVA_ARGS_APPEND").toString();
            Set<String> given = matches(SYSTEM_PROPERTY, javaArgs);
            assertThat(given).as("artemis-%s sets the properties its broker.xml requires", broker)
                    .containsAll(matches(REQUIRED_BROKER_PROPERTY, xml));
            assertThat(matches(BROKER_PROPERTY, xml)).as("artemis-%s sets only properties its broker.xml reads", broker)
                    .containsAll(given);
        }
    }

    /** Runs {@code docker compose config} (or docker-compose) / result: the compose client accepts the file. */
    @Test
    void composeClientAcceptsTheFile() throws IOException, InterruptedException {
        List<String> client = composeClient();
        assumeTrue(client != null, "neither the docker compose plugin nor docker-compose is installed (Debian package docker-compose)");
        Files.createDirectories(ROOT.resolve("gateway/app/target"));
        List<String> command = new ArrayList<>(client);
        command.addAll(List.of("--file", COMPOSE.getFileName().toString(), "config", "--quiet"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(COMPOSE_DIR.toFile()).redirectErrorStream(true);
        envExample().forEach((name, value) -> builder.environment().put(name, value.isEmpty() ? "example-only" : value));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s said: %s", command, output).isZero();
    }

    /** Validates each manifest against its Kubernetes API schema / result: no unknown field, no required one missing. */
    @Test
    void kubernetesManifestsMatchTheApiSchema() throws IOException {
        List<Path> manifests = k8sManifests();
        assertThat(manifests).isNotEmpty();
        Set<String> kinds = new TreeSet<>();
        for (Path file : manifests) {
            for (Object document : documents(file)) {
                Map<String, Object> manifest = map(document);
                String kind = manifest.get("apiVersion") + "/" + manifest.get("kind");
                Validator schema = SCHEMAS.get(kind);
                assertThat(schema).as("%s in %s: a kind this test knows the schema of", kind, file).isNotNull();
                try {
                    schema.validate(new Gson().toJsonTree(manifest));
                } catch (IOException | IllegalArgumentException e) {
                    throw new AssertionError(file + ", " + kind + " " + name(manifest) + ": " + e.getMessage(), e);
                }
                kinds.add(kind);
            }
        }
        assertThat(kinds).contains("apps/v1/Deployment", "v1/Service", "v1/ConfigMap", "v1/Secret",
                "policy/v1/PodDisruptionBudget", "autoscaling/v2/HorizontalPodAutoscaler");
    }

    /** Feeds the schema check a Deployment with a misspelt field / result: refused, so the check above has teeth. */
    @Test
    void schemaCheckRefusesAnUnknownField() throws IOException {
        Map<String, Object> deployment = map(documents(K8S.resolve("deployment.yaml")).get(0));
        map(deployment.get("spec")).put("replica", 3);
        assertThatThrownBy(() -> V1Deployment.validateJsonElement(new Gson().toJsonTree(deployment)))
                .hasMessageContaining("replica");
    }

    /** Reads the kustomization / result: it lists every manifest but the operator-material examples, and each exists. */
    @Test
    void kustomizationListsTheManifests() throws IOException {
        Map<String, Object> kustomization = map(documents(K8S.resolve("kustomization.yaml")).get(0));
        Set<String> resources = list(kustomization.get("resources")).stream().map(Object::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> manifests = k8sManifests().stream().map(path -> path.getFileName().toString())
                .filter(name -> !name.endsWith(".example.yaml"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(resources).isEqualTo(manifests);
    }

    /**
     * Compares the Deployment's probes and the compose health check with the gateway's own
     * application.yml / result: they ask the liveness and readiness groups it serves, on its port.
     */
    @Test
    void probesAskTheHealthGroupsTheGatewayServes() throws IOException {
        Map<String, Object> application = map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new ClassPathResource("application.yml").getInputStream()));
        Map<String, Object> health = map(map(map(application.get("management")).get("endpoint")).get("health"));
        assertThat(map(health.get("probes")).get("enabled")).isEqualTo(true);
        assertThat(map(health.get("group")).keySet()).contains(LIVENESS_GROUP, READINESS_GROUP);
        int port = (Integer) map(application.get("server")).get("port");

        Map<String, Object> container = gatewayContainer();
        Map<String, Integer> ports = new HashMap<>();
        list(container.get("ports")).forEach(p -> ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort")));
        assertThat(ports).containsEntry("http", port);
        for (Map.Entry<String, String> probe : Map.of("startupProbe", LIVENESS_GROUP, "livenessProbe", LIVENESS_GROUP,
                "readinessProbe", READINESS_GROUP).entrySet()) {
            Map<String, Object> httpGet = map(map(container.get(probe.getKey())).get("httpGet"));
            assertThat(httpGet.get("path")).as(probe.getKey()).isEqualTo("/actuator/health/" + probe.getValue());
            assertThat(ports.get(httpGet.get("port").toString())).as("%s's port", probe.getKey()).isEqualTo(port);
        }
        Map<String, Object> podAnnotations = map(map(map(map(map(documents(K8S.resolve("deployment.yaml")).get(0))
                .get("spec")).get("template")).get("metadata")).get("annotations"));
        assertThat(podAnnotations).containsEntry("prometheus.io/path", "/actuator/prometheus")
                .containsEntry("prometheus.io/port", Integer.toString(port));

        Map<String, Object> gateway = map(map(compose().get("services")).get(GATEWAYS.get(0)));
        assertThat(list(map(gateway.get("healthcheck")).get("test")).toString())
                .contains("/dev/tcp/localhost/" + port, "/actuator/health/" + READINESS_GROUP);
        assertThat(list(gateway.get("ports"))).contains(port + ":" + port);
    }

    /**
     * Maps every environment variable given to a gateway (compose, the ConfigMap, the
     * Deployment) back to a setting / result: each is a key of docs/CONFIGURATION.md or of
     * Spring Boot's configuration metadata, in the relaxed environment form.
     */
    @Test
    void environmentVariablesNameRealSettings() throws IOException {
        Set<String> known = new TreeSet<>();
        Matcher documented = DOCUMENTED_KEY.matcher(Files.readString(CONFIGURATION));
        while (documented.find()) {
            known.add(environmentForm(documented.group(1)));
        }
        Set<String> springKeys = springBootKeys();
        assertThat(springKeys).as("Spring Boot's configuration metadata on the classpath").contains("spring.artemis.broker-url");
        springKeys.forEach(key -> known.add(environmentForm(key)));

        Map<String, String> given = new LinkedHashMap<>();
        Map<String, Object> services = map(compose().get("services"));
        for (String gateway : GATEWAYS) {
            map(map(services.get(gateway)).get("environment")).keySet().forEach(name -> given.put(name, "compose " + gateway));
        }
        map(k8sDocument("ConfigMap", "lienthong-config").get("data")).keySet()
                .forEach(name -> given.put(name, "ConfigMap lienthong-config"));
        list(gatewayContainer().get("env")).forEach(env -> given.put((String) map(env).get("name"), "Deployment env"));

        assertThat(given).as("settings given to the gateway").containsKeys("SPRING_DATASOURCE_URL", "SPRING_ARTEMIS_BROKERURL",
                "LIENTHONG_SIGNING_KEYSTORE", "LIENTHONG_TRUST_ANCHORS", "LIENTHONG_AGENCIES_FILE", "LIENTHONG_OPERATORS_FILE");
        List<String> unknown = given.entrySet().stream().filter(entry -> !known.contains(entry.getKey()))
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")").toList();
        assertThat(unknown).as("environment variables that set no known setting").isEmpty();
    }

    /** Reads the example Secret / result: it holds no value, so committing it commits nothing secret. */
    @Test
    void exampleSecretsAreEmpty() throws IOException {
        for (Path file : k8sManifests()) {
            for (Object document : documents(file)) {
                Map<String, Object> manifest = map(document);
                if ("Secret".equals(manifest.get("kind"))) {
                    assertThat(file.getFileName().toString()).as("Secrets are only examples").endsWith(".example.yaml");
                    Stream.of("data", "stringData").map(field -> map(manifest.getOrDefault(field, Map.of())))
                            .forEach(values -> assertThat(values.values()).as("%s values", name(manifest)).allMatch(""::equals));
                }
            }
        }
    }

    private static Map<String, Object> gatewayContainer() throws IOException {
        Map<String, Object> deployment = k8sDocument("Deployment", "lienthong-gateway");
        Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        return list(pod.get("containers")).stream().map(DeployArtefactsTest::map)
                .filter(container -> "gateway".equals(container.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> k8sDocument(String kind, String name) throws IOException {
        for (Path file : k8sManifests()) {
            for (Object document : documents(file)) {
                Map<String, Object> manifest = map(document);
                if (kind.equals(manifest.get("kind")) && name.equals(name(manifest))) {
                    return manifest;
                }
            }
        }
        throw new AssertionError("no " + kind + " " + name + " in " + K8S);
    }

    private static List<Path> k8sManifests() throws IOException {
        return yamlFiles(K8S).stream().filter(path -> !path.getFileName().toString().equals("kustomization.yaml")).toList();
    }

    private static Object name(Map<String, Object> manifest) {
        return map(manifest.get("metadata")).get("name");
    }

    /** Spring Boot's own keys, from the metadata every Spring Boot module ships. */
    private static Set<String> springBootKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        JsonMapper mapper = JsonMapper.builder().build();
        for (URL metadata : Collections.list(DeployArtefactsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : mapper.readTree(in).path("properties")) {
                    keys.add(property.path("name").asString());
                }
            }
        }
        return keys;
    }

    /** Spring Boot's relaxed binding from the environment: dots become underscores, dashes go. */
    private static String environmentForm(String key) {
        return key.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static void assertBuiltAs(Path artefact) throws IOException {
        Path module = artefact.getParent().getParent();
        String jar = artefact.getFileName().toString();
        assertThat(jar).as("%s is a jar the build makes", artefact).endsWith(".jar");
        assertThat(finalNames(module.resolve("pom.xml"))).as("final names in %s/pom.xml", module)
                .contains(jar.substring(0, jar.length() - ".jar".length()));
    }

    private static String finalName(Path pom) throws IOException {
        return finalNames(pom).get(0);
    }

    private static List<String> finalNames(Path pom) throws IOException {
        Matcher name = FINAL_NAME.matcher(Files.readString(pom));
        List<String> names = new ArrayList<>();
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ENV_EXAMPLE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    private static List<String> composeClient() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static Map<String, Object> compose() throws IOException {
        return map(documents(COMPOSE).get(0));
    }

    private static List<Object> documents(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in).forEach(documents::add);
        } catch (RuntimeException e) {
            throw new AssertionError(file + " is not well-formed YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
