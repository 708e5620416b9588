package vn.lienthong.dvcqg;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The national portal's integration service, prefix {@code lienthong.portal} (docs/PORTAL.md).
 *
 * @param enabled keep the portal in step; when false there is no portal client and the gateway
 *        sends the portal nothing
 * @param baseUrl the portal's adapter endpoint, e.g. {@code https://…}; the paths are appended
 * @param authPath where to authenticate ({@code POST}); the simulator's is {@code /api/auth}
 * @param integrationPath where every service is called ({@code POST}); the simulator's is
 *        {@code /api/integration}
 * @param username the province's account on the portal
 * @param password its password; give it through the environment
 *        ({@code LIENTHONG_PORTAL_PASSWORD}), never in a file in the repository. Never logged.
 * @param agencyCode the province's unit code on the portal: the {@code dstcode} header and
 *        {@code madonvi} of every call
 * @param connectTimeout how long to wait to connect
 * @param callTimeout how long to wait for an answer to one request
 * @param sessionExpiredCodes the {@code error_code}s by which the portal says the session is
 *        no longer valid: the client authenticates again once and repeats the call. The
 *        simulator answers 401.
 */
@ConfigurationProperties("lienthong.portal")
public record PortalProperties(@DefaultValue("false") boolean enabled,
                               @Nullable URI baseUrl,
                               @DefaultValue("/api/auth") String authPath,
                               @DefaultValue("/api/integration") String integrationPath,
                               @Nullable String username,
                               @Nullable String password,
                               @Nullable String agencyCode,
                               @DefaultValue("5s") Duration connectTimeout,
                               @DefaultValue("30s") Duration callTimeout,
                               @DefaultValue("401") List<Integer> sessionExpiredCodes) {

    public PortalProperties {
        sessionExpiredCodes = List.copyOf(sessionExpiredCodes);
    }

    /** Keeps the credentials out of logs and failure analyses. */
    @Override
    public String toString() {
        return "PortalProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", authPath=" + authPath
                + ", integrationPath=" + integrationPath + ", username=" + (username == null ? null : "***")
                + ", password=" + (password == null ? null : "***") + ", agencyCode=" + agencyCode
                + ", connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout
                + ", sessionExpiredCodes=" + sessionExpiredCodes + "]";
    }
}
