package vn.lienthong.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.xml.SecureXml;

/** The tutorial's envelope, read through schema validation and the reader. */
class EnvelopeReadingTest {

    private static final Path TUTORIAL = Path.of("../../docs/tutorial/dossier-handoff.xml");
    private static final EnvelopeSchema SCHEMA = EnvelopeSchema.load("envelope-v1.xsd");

    private final SecureXml xml = new SecureXml();

    @Test
    void tutorialEnvelopeIsValidAndReadsAsWritten() throws IOException {
        byte[] bytes = Files.readAllBytes(TUTORIAL);
        Document document = xml.parse(bytes);
        SCHEMA.validate(document, bytes);
        Envelope envelope = new EnvelopeReader().read(document);
        new ComponentContent().check(document, envelope.components());

        assertThat(envelope.id()).isEqualTo("tutorial-0001");
        assertThat(envelope.kind()).isEqualTo(EnvelopeKind.HANDOFF);
        assertThat(envelope.sender().agency().value()).isEqualTo("000.00.01.H53");
        assertThat(envelope.sender().officer()).isEqualTo("Nguyễn Văn An");
        assertThat(envelope.recipients()).extracting(p -> p.agency().value()).containsExactly("000.01.12.H53", "000.00.05.H53");
        assertThat(envelope.dossier().code()).isEqualTo("000.00.01.H53-261127-0001");
        assertThat(envelope.dossier().step().allowedTime()).isEqualTo(new AllowedTime(5, AllowedTime.Unit.WORKING_DAYS));
        assertThat(envelope.dossier().applicant().name()).isEqualTo("Trần Thị Bình");
        assertThat(envelope.components()).singleElement().satisfies(c -> assertThat(c.inline()).isTrue());
    }

    @Test
    void schemaErrorNamesLineElementAndRule() throws IOException {
        String text = Files.readString(TUTORIAL).replace("<ProcedureCode>1.004227<", "<ProcedureCode>1.04227<");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int line = 1 + (int) text.substring(0, text.indexOf("1.04227")).chars().filter(c -> c == '\n').count();

        assertThatThrownBy(() -> SCHEMA.validate(xml.parse(bytes), bytes))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_SCHEMA_INVALID);
                    assertThat(e.properties()).containsEntry("line", line).containsEntry("rule", "cvc-pattern-valid")
                            .containsEntry("element", "ProcedureCode");
                });
    }

    @Test
    void repeatedRecipientIsSchemaInvalid() throws IOException {
        String text = Files.readString(TUTORIAL).replace("<To>000.00.05.H53</To>", "<To>000.01.12.H53</To>");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SCHEMA.validate(xml.parse(bytes), bytes))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.properties()).containsEntry("rule", "cvc-identity-constraint.4.1"));
    }

    @Test
    void valueTheSchemaAdmitsButJavaCannotUseIsRefusedAsSchemaInvalid() throws IOException {
        String text = Files.readString(TUTORIAL).replace("<Components>", "<Components><Component><Name>x</Name>"
                + "<MediaType>a/b</MediaType><Size>1</Size><Sha256>" + "A".repeat(43) + "=</Sha256>"
                + "<ContentReference>http://files example/a b.pdf</ContentReference></Component>");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Document document = xml.parse(bytes);
        SCHEMA.validate(document, bytes);
        assertThatThrownBy(() -> new EnvelopeReader().read(document))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ENVELOPE_SCHEMA_INVALID);
                    assertThat(e.properties()).containsEntry("element", "ContentReference").containsEntry("rule", "value");
                });
    }

    @Test
    void componentWithWrongSizeIsRefused() throws IOException {
        String text = Files.readString(TUTORIAL).replaceFirst("<Size>\\d+</Size>", "<Size>1</Size>");
        Document document = xml.parse(text.getBytes(StandardCharsets.UTF_8));
        Envelope envelope = new EnvelopeReader().read(document);
        assertThatThrownBy(() -> new ComponentContent().check(document, envelope.components()))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.COMPONENT_DIGEST_MISMATCH));
    }
}
