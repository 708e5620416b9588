package vn.lienthong.app.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import vn.lienthong.app.GatewayProperties;
import vn.lienthong.dvcqg.simulator.PortalSimulator;
import vn.lienthong.dvcqg.simulator.SimulatorAccount;

/**
 * Gives the demo a national portal to sync to: starts the portal simulator before the context
 * is refreshed, and adds the settings that point {@code lienthong.portal.*} at it with the demo
 * account, below every other source so explicit settings win. The simulator is the bean
 * {@value #BEAN} and stops with the context (also when its start fails).
 */
public final class DemoPortalSimulator implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BEAN = "demoPortalSimulator";
    static final String PROPERTY_SOURCE = "demoPortalSimulator";

    private static final Logger log = LoggerFactory.getLogger(DemoPortalSimulator.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        GatewayProperties properties = Binder.get(context.getEnvironment()).bindOrCreate("lienthong", GatewayProperties.class);
        if (!properties.demo().enabled() || !properties.demo().portalSimulator().enabled()) {
            return;
        }
        PortalSimulator simulator = PortalSimulator.start(PortalSimulator.Settings.of(
                properties.demo().portalSimulator().port(), SimulatorAccount.DEMO));
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(BEAN, simulator);
        beans.registerDisposableBean(BEAN, simulator::close);
        context.getEnvironment().getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, portalSettings(simulator)));
        log.info("demo portal simulator on {} (what it received: {}{}); lienthong.portal points at it unless set",
                simulator.baseUri(), simulator.baseUri(), PortalSimulator.STATE_PATH);
    }

    private static Map<String, Object> portalSettings(PortalSimulator simulator) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lienthong.portal.enabled", "true");
        settings.put("lienthong.portal.base-url", simulator.baseUri().toString());
        settings.put("lienthong.portal.auth-path", PortalSimulator.AUTH_PATH);
        settings.put("lienthong.portal.integration-path", PortalSimulator.INTEGRATION_PATH);
        settings.put("lienthong.portal.username", SimulatorAccount.DEMO.username());
        settings.put("lienthong.portal.password", SimulatorAccount.DEMO.password());
        settings.put("lienthong.portal.agency-code", SimulatorAccount.DEMO.agencyCode());
        return settings;
    }
}
