package vn.lienthong.example.department;

import org.jspecify.annotations.Nullable;
import vn.lienthong.client.envelope.AllowedTime;
import vn.lienthong.client.envelope.DossierEnvelope;
import vn.lienthong.client.envelope.EnvelopeInvalidException;
import vn.lienthong.client.envelope.EnvelopeKind;
import vn.lienthong.example.department.DepartmentProperties.Step;

/**
 * An envelope the department decided to send: the fields of envelope-v1.xsd it uses, as plain
 * values that {@link Caseload} decides and its test reads.
 *
 * @param status the national status it reports, or null for what its kind implies
 */
public record OutgoingEnvelope(String envelopeId, EnvelopeKind kind, String from, @Nullable String officer, String to,
                               String inReplyTo, String dossierCode, String procedureCode, @Nullable Step step,
                               @Nullable Integer status, @Nullable String note) {

    /**
     * The unsigned envelope, created now, built by the client library.
     *
     * @throws EnvelopeInvalidException when envelope-v1.xsd refuses it (a status out of 1–10 in
     *         the settings, say), so that nothing invalid is signed
     */
    public DossierEnvelope toEnvelope() {
        DossierEnvelope.Builder envelope = DossierEnvelope.builder()
                .id(envelopeId)
                .kind(kind)
                .from(from)
                .to(to)
                .inReplyTo(inReplyTo)
                .dossier(dossierCode, procedureCode);
        if (officer != null) {
            envelope.from(from, officer);
        }
        if (step != null) {
            envelope.step(step.name(), new AllowedTime(step.allowedTime(), step.unit()));
        }
        if (status != null) {
            envelope.status(status);
        }
        if (note != null) {
            envelope.note(note);
        }
        return envelope.build();
    }
}
