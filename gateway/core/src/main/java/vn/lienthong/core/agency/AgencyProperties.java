package vn.lienthong.core.agency;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agency registry, prefix {@code lienthong.agencies}.
 *
 * @param file registry file read at start (see {@link AgencyFile}); its agencies are
 *        registered or updated, agencies it no longer lists stay registered
 * @param codePattern regular expression every agency code must match
 * @param refreshInterval how often each instance checks whether the registry changed in the
 *        database (another instance registered or changed an agency) and reloads it if so
 */
@ConfigurationProperties("lienthong.agencies")
public record AgencyProperties(@Nullable Path file,
                               @DefaultValue(AgencyCodePolicy.DEFAULT_PATTERN) String codePattern,
                               @DefaultValue("5s") Duration refreshInterval) {
}
