package vn.lienthong.core.envelope;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a dossier envelope says, read from its signed XML. The bytes themselves stay in {@link EnvelopeBytes}. */
public record Envelope(String id, OffsetDateTime createdAt, EnvelopeKind kind, Party sender, List<Party> recipients,
                       @Nullable String inReplyTo, @Nullable String subject, DossierReference dossier,
                       List<Component> components) {

    public Envelope {
        recipients = List.copyOf(recipients);
        components = List.copyOf(components);
    }
}
