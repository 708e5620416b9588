package vn.lienthong.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.HAPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/artemis holds the broker.xml of the external primary/backup pair. They must be valid
 * for the broker (its own schema, from artemis-server) and give the gateway's queues what the
 * embedded broker gets from {@link EmbeddedBrokerSettings}: the same redelivery, dead letters
 * and duplicate-id cache.
 */
class DeployedBrokerXmlTest {

    private static final Path DEPLOY = Path.of("..", "..", "deploy", "artemis");
    private static final String PASSWORD_PROPERTY = "lienthong.broker.cluster-password";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    @BeforeAll
    static void clusterPassword() {
        System.setProperty(PASSWORD_PROPERTY, "test-only");
    }

    @AfterAll
    static void forgetClusterPassword() {
        System.clearProperty(PASSWORD_PROPERTY);
    }

    /** Each file / result: valid against Artemis's schema once its placeholders take their defaults. */
    @ParameterizedTest
    @CsvSource({"primary", "backup"})
    void isValidAgainstTheBrokersSchema(String role) throws Exception {
        String xml = withDefaults(Files.readString(DEPLOY.resolve(role).resolve("broker.xml"), StandardCharsets.UTF_8));
        ClassLoader loader = Configuration.class.getClassLoader();
        Source[] schemas = {
                new StreamSource(loader.getResource("schema/artemis-configuration.xsd").toExternalForm()),
                new StreamSource(loader.getResource("schema/artemis-server.xsd").toExternalForm())};
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schemas).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }

    /** Each file, read by the broker's own parser / result: the embedded broker's settings, and its HA role. */
    @ParameterizedTest
    @CsvSource({"primary, PRIMARY", "backup, BACKUP"})
    void givesTheGatewaysQueuesTheEmbeddedBrokersSettings(String role, String haRole) throws Exception {
        FileConfiguration deployed = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(
                DEPLOY.resolve(role).resolve("broker.xml").toAbsolutePath().toUri().toString());
        deployment.addDeployable(deployed);
        deployment.readConfiguration();
        Configuration embedded = new ConfigurationImpl();
        new EmbeddedBrokerSettings().customize(embedded);

        AddressSettings expected = embedded.getAddressSettings().get(DeliveryQueues.MATCH_ALL);
        AddressSettings actual = deployed.getAddressSettings().get(DeliveryQueues.MATCH_ALL);
        assertThat(actual).as(role + ": address-setting " + DeliveryQueues.MATCH_ALL).isNotNull();
        assertThat(actual.getRedeliveryDelay()).isEqualTo(expected.getRedeliveryDelay());
        assertThat(actual.getRedeliveryMultiplier()).isEqualTo(expected.getRedeliveryMultiplier());
        assertThat(actual.getMaxRedeliveryDelay()).isEqualTo(expected.getMaxRedeliveryDelay());
        assertThat(actual.getMaxDeliveryAttempts()).isEqualTo(expected.getMaxDeliveryAttempts());
        assertThat((Object) actual.getDeadLetterAddress()).isEqualTo(SimpleString.of(DeliveryQueues.DEAD_LETTER_ADDRESS));
        assertThat(actual.isAutoCreateDeadLetterResources()).isTrue();
        assertThat((Object) actual.getDeadLetterQueuePrefix()).isEqualTo(expected.getDeadLetterQueuePrefix());
        assertThat(deployed.isPersistenceEnabled()).isTrue();
        assertThat(deployed.isJournalSyncTransactional()).isTrue();
        assertThat(deployed.isJournalSyncNonTransactional()).isTrue();
        assertThat(deployed.isPersistIDCache()).isEqualTo(embedded.isPersistIDCache()).isTrue();
        assertThat(deployed.getIDCacheSize()).isEqualTo(embedded.getIDCacheSize());
        assertThat(deployed.getHAPolicyConfiguration().getType())
                .isEqualTo(HAPolicyConfiguration.TYPE.valueOf("REPLICATION_" + haRole + "_QUORUM_VOTING"));
        assertThat(deployed.getClusterPassword()).isEqualTo("test-only");
    }

    /** What Artemis does to {@code ${name:default}} when the property is not set; a value for required ones. */
    private static String withDefaults(String xml) {
        Matcher matcher = PLACEHOLDER.matcher(xml);
        StringBuilder replaced = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(
                    matcher.group(2) != null ? matcher.group(2) : "required-" + matcher.group(1)));
        }
        return matcher.appendTail(replaced).toString();
    }
}
