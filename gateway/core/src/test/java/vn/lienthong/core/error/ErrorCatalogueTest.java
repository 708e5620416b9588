package vn.lienthong.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** docs/ERRORS.md and the OpenAPI document publish the codes: every code is listed, and no listed code disappears. */
class ErrorCatalogueTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void documentationAndCatalogueAgree() throws IOException {
        String doc = Files.readString(Path.of("../../docs/ERRORS.md"));
        Matcher rows = ROW.matcher(doc);
        Set<String> documented = new HashSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
            assertThat(ErrorCode.valueOf(rows.group(1)).httpStatus()).as(rows.group(1))
                    .isEqualTo(Integer.parseInt(rows.group(2)));
        }
        assertThat(documented).isEqualTo(codes());
    }

    @Test
    void openApiListsEveryCode() {
        JsonNode codes = YAMLMapper.builder().build().readTree(Path.of("../../schemas/openapi/lienthong-v1.yaml").toFile())
                .at("/components/schemas/Problem/properties/code/enum");
        Set<String> listed = new HashSet<>();
        codes.forEach(code -> listed.add(code.asString()));
        assertThat(listed).isEqualTo(codes());
    }

    private static Set<String> codes() {
        return Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    }
}
