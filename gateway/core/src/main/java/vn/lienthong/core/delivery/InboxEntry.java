package vn.lienthong.core.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.envelope.EnvelopeFormat;

/**
 * An envelope waiting in a pull agency's inbox. {@code kind} is spelled as in the envelope
 * XML; {@code dossierCode} is null for an edXML document outside any dossier.
 */
public record InboxEntry(String envelopeId, String sender, String kind, EnvelopeFormat format,
                         @Nullable String dossierCode, long size, Instant availableAt) {
}
