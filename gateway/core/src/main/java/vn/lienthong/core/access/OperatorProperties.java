package vn.lienthong.core.access;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operators, prefix {@code lienthong.operators}.
 *
 * @param file the operators file read at start (see {@link Operators}); none means no operator can call the API
 */
@ConfigurationProperties("lienthong.operators")
public record OperatorProperties(@Nullable Path file) {
}
