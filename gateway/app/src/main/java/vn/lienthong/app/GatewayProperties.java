package vn.lienthong.app;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Application-wide settings, prefix {@code lienthong}.
 *
 * @param dataDir the folder that holds the embedded broker journal, the H2 database, keys and
 *        demo material; other defaults are paths under it
 * @param demo the embedded demo
 */
@ConfigurationProperties("lienthong")
public record GatewayProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Demo demo) {

    /**
     * @param enabled create a demo CA, the gateway key and demo agencies on first start
     * @param pushEndpoint where the demo's push agency receives envelopes; the tutorial starts a receiver there
     */
    public record Demo(@DefaultValue("true") boolean enabled,
                       @DefaultValue("http://localhost:8091/lienthong/deliveries") String pushEndpoint) {
    }
}
