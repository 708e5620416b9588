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
     * @param portalSimulator the national portal simulator the demo syncs to
     */
    public record Demo(@DefaultValue("true") boolean enabled,
                       @DefaultValue("http://localhost:8091/lienthong/deliveries") String pushEndpoint,
                       @DefaultValue PortalSimulator portalSimulator) {
    }

    /**
     * @param enabled with the demo, start the portal simulator in the gateway's process and point
     *        {@code lienthong.portal.*} at it (settings given explicitly still win)
     * @param port where it listens, on localhost; 0 for any free port
     */
    public record PortalSimulator(@DefaultValue("true") boolean enabled, @DefaultValue("8095") int port) {
    }
}
