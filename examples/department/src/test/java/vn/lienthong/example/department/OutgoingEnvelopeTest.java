package vn.lienthong.example.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.envelope.AllowedTime;
import vn.lienthong.client.envelope.DossierEnvelope;
import vn.lienthong.client.envelope.EnvelopeInvalidException;
import vn.lienthong.client.envelope.EnvelopeKind;
import vn.lienthong.example.department.DepartmentProperties.Step;

/**
 * The envelopes the department decides become valid envelopes through the client's builder,
 * read back as written, and a decision the contract refuses is never built.
 */
class OutgoingEnvelopeTest {

    @Test
    void handoffWithStepReadsBackAsWritten() {
        String note = "Đề nghị <xác định> & báo lại";
        OutgoingEnvelope handoff = new OutgoingEnvelope("000.01.12.H53-1", EnvelopeKind.HANDOFF, "000.01.12.H53",
                "Lê Văn Cường", "000.00.05.H53", "tutorial-0101", "000.00.01.H53-261127-0002", "1.004227",
                new Step("Xác định nghĩa vụ tài chính", 3, AllowedTime.Unit.WORKING_DAYS), null, note);

        DossierEnvelope envelope = handoff.toEnvelope();
        byte[] xml = envelope.toBytes();

        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("officer=\"Lê Văn Cường\"")
                .contains("<AllowedTime unit=\"working-days\">3</AllowedTime>");
        assertThat(envelope.document().getElementsByTagNameNS(DossierEnvelope.NAMESPACE, "Note").item(0).getTextContent())
                .isEqualTo(note);
        assertThat(IncomingEnvelope.read(xml)).isEqualTo(new IncomingEnvelope("000.01.12.H53-1",
                EnvelopeKind.HANDOFF, "000.01.12.H53", "000.00.01.H53-261127-0002", "1.004227"));
    }

    @Test
    void statusWithoutOfficerOrStepReadsBack() {
        OutgoingEnvelope status = new OutgoingEnvelope("000.00.05.H53-2", EnvelopeKind.STATUS, "000.00.05.H53",
                null, "000.01.12.H53", "in-1", "000.00.01.H53-261127-0002", "1.004227", null, 4, null);

        byte[] xml = status.toEnvelope().toBytes();

        assertThat(new String(xml, StandardCharsets.UTF_8)).doesNotContain("officer=").doesNotContain("<Step>");
        assertThat(IncomingEnvelope.read(xml).kind()).isEqualTo(EnvelopeKind.STATUS);
    }

    @Test
    void aStatusTheContractDoesNotKnowIsRefusedBeforeAnythingIsSigned() {
        OutgoingEnvelope result = new OutgoingEnvelope("000.01.12.H53-3", EnvelopeKind.RESULT, "000.01.12.H53",
                null, "000.00.01.H53", "in-2", "000.00.01.H53-261127-0002", "1.004227", null, 11, null);

        assertThatThrownBy(result::toEnvelope).isInstanceOf(EnvelopeInvalidException.class)
                .hasMessageContaining("Status");
    }

    @Test
    void somethingElseIsNotReadAsADossierEnvelope() {
        assertThatThrownBy(() -> IncomingEnvelope.read("<edXMLEnvelope xmlns=\"http://www.e-doc.vn/Schema/\"/>"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a lienthong dossier envelope");
    }
}
