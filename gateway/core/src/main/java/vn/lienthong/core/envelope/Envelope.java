package vn.lienthong.core.envelope;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an envelope says, read from its signed XML, whatever its format. The bytes themselves
 * stay in {@link EnvelopeBytes}.
 *
 * @param createdAt when the sender made it, when the format says so
 * @param dossier the dossier it belongs to; null for an edXML document outside any dossier
 * @param orderKey envelopes with the same key reach each recipient in acceptance order: the
 *        dossier code, or for edXML traffic outside a dossier a key of the document it concerns
 */
public record Envelope(String id, EnvelopeFormat format, @Nullable OffsetDateTime createdAt, EnvelopeKind kind,
                       Party sender, List<Party> recipients, @Nullable String inReplyTo, @Nullable String subject,
                       @Nullable DossierReference dossier, List<Component> components, String orderKey) {

    public Envelope {
        recipients = List.copyOf(recipients);
        components = List.copyOf(components);
    }

    public @Nullable String dossierCode() {
        return dossier == null ? null : dossier.code();
    }
}
