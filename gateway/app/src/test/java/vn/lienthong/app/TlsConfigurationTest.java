package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the HTTPS connector is opened: only with a key store, and an empty one switches it off. */
class TlsConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TlsConfiguration.class);

    @Test
    void noKeyStoreMeansNoHttpsConnector() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TlsConnector.class));
    }

    @Test
    void anEmptyKeyStoreSwitchesTheShippedConnectorOff() {
        runner.withPropertyValues("lienthong.tls.key-store=", "lienthong.tls.key-store-password-file=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TlsConnector.class));
    }

    @Test
    void aKeyStoreOpensTheConnector() {
        // the connector is attempted; it fails here only for want of the trust material bean
        runner.withPropertyValues("lienthong.tls.key-store=/nowhere/tls.p12")
                .run(context -> assertThat(context).getFailure().hasMessageContaining("'tlsConnector'"));
    }
}
