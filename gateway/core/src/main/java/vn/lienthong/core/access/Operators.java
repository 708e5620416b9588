package vn.lienthong.core.access;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The people who run the gateway, read from the operators file at start:
 *
 * <pre>
 * operators:
 *   - name: nguyen.van.an
 *     roles: [operator]          # operator: reads everything; admin: also manages agencies and dead letters
 *     api-token-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * </pre>
 */
public final class Operators {

    /** One operator: name, roles, and the SHA-256 of its API token. */
    public record Operator(String name, Set<Role> roles, String apiTokenSha256) {
    }

    record Document(List<Entry> operators) {
    }

    record Entry(String name, List<String> roles, String apiTokenSha256) {
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, Operator> byTokenHash;

    public Operators(List<Operator> operators) {
        this.byTokenHash = operators.stream().collect(Collectors.toUnmodifiableMap(Operator::apiTokenSha256, Function.identity()));
    }

    /** The operators of a file, or none when no file is configured. */
    public static Operators read(@Nullable Path file) {
        if (file == null) {
            return new Operators(List.of());
        }
        Document document;
        try {
            document = MAPPER.readValue(file.toFile(), Document.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("operators file " + file + " cannot be read: " + e.getOriginalMessage(), e);
        }
        if (document == null || document.operators() == null) {
            throw new IllegalStateException("operators file " + file + " has no 'operators' list");
        }
        return new Operators(document.operators().stream().map(entry -> operator(file, entry)).toList());
    }

    public Optional<Operator> findByTokenHash(String sha256Hex) {
        return Optional.ofNullable(byTokenHash.get(sha256Hex));
    }

    public int size() {
        return byTokenHash.size();
    }

    private static Operator operator(Path file, Entry entry) {
        String where = "operators file " + file + ", operator " + entry.name() + ": ";
        if (entry.name() == null || entry.roles() == null || entry.roles().isEmpty() || entry.apiTokenSha256() == null
                || !entry.apiTokenSha256().matches("[0-9a-f]{64}")) {
            throw new IllegalStateException(where + "name, roles and a 64-hex-digit api-token-sha256 are required");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : entry.roles()) {
            Role parsed = Role.valueOf(role.toUpperCase(Locale.ROOT));
            if (parsed == Role.AGENCY) {
                throw new IllegalStateException(where + "operators have the roles operator and admin, not agency");
            }
            roles.add(parsed);
        }
        return new Operator(entry.name(), roles, entry.apiTokenSha256());
    }
}
