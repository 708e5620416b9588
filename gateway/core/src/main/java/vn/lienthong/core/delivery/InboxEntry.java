package vn.lienthong.core.delivery;

import java.time.Instant;

/** An envelope waiting in a pull agency's inbox. {@code kind} is spelled as in the envelope XML. */
public record InboxEntry(String envelopeId, String sender, String kind, String dossierCode, long size,
                         Instant availableAt) {
}
