package vn.lienthong.example.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.ContractSchema;
import vn.lienthong.example.department.DepartmentProperties.Step;
import vn.lienthong.example.department.DepartmentProperties.TimeUnit;
import vn.lienthong.xml.SecureXml;

/** The envelopes the department writes are valid against the contract and read back as written. */
class OutgoingEnvelopeTest {

    private static final ContractSchema SCHEMA = ContractSchema.load("envelope-v1.xsd");

    @Test
    void handoffWithStepIsValidAndReadsBack() {
        OutgoingEnvelope handoff = new OutgoingEnvelope("000.01.12.H53-1", OutgoingEnvelope.Kind.HANDOFF, "000.01.12.H53",
                "Lê Văn Cường", "000.00.05.H53", "tutorial-0101", "000.00.01.H53-261127-0002", "1.004227",
                new Step("Xác định nghĩa vụ tài chính", 3, TimeUnit.WORKING_DAYS), null, "Đề nghị <xác định> & báo lại");

        byte[] xml = handoff.toXml();

        assertThat(SCHEMA.violation(new SecureXml().parse(xml))).isEmpty();
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<AllowedTime unit=\"working-days\">3</AllowedTime>");
        assertThat(IncomingEnvelope.read(xml)).isEqualTo(new IncomingEnvelope("000.01.12.H53-1",
                IncomingEnvelope.Kind.HANDOFF, "000.01.12.H53", "000.00.01.H53-261127-0002", "1.004227"));
    }

    @Test
    void statusWithoutOfficerOrStepIsValid() {
        OutgoingEnvelope status = new OutgoingEnvelope("000.00.05.H53-2", OutgoingEnvelope.Kind.STATUS, "000.00.05.H53",
                null, "000.01.12.H53", "in-1", "000.00.01.H53-261127-0002", "1.004227", null, 4, null);

        assertThat(SCHEMA.violation(new SecureXml().parse(status.toXml()))).isEmpty();
        assertThat(IncomingEnvelope.read(status.toXml()).kind()).isEqualTo(IncomingEnvelope.Kind.STATUS);
    }

    @Test
    void somethingElseIsNotReadAsADossierEnvelope() {
        assertThatThrownBy(() -> IncomingEnvelope.read("<edXMLEnvelope xmlns=\"http://www.e-doc.vn/Schema/\"/>"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a lienthong dossier envelope");
    }
}
