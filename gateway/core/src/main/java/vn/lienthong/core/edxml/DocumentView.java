package vn.lienthong.core.edxml;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An edXML document as the gateway knows it: its revisions and status messages in the order
 * accepted, and the latest status at each recipient.
 */
public record DocumentView(String sender, String documentId, DocumentState state, @Nullable String subject,
                           @Nullable String dossierCode, String envelopeId, Instant createdAt, Instant updatedAt,
                           List<Recipient> recipients, List<Message> messages) {

    public DocumentView {
        recipients = List.copyOf(recipients);
        messages = List.copyOf(messages);
    }

    /**
     * A recipient of the document, with the latest status reported about it.
     *
     * @param delivery the delivery state of the document's first envelope to it
     */
    public record Recipient(String agency, String delivery, @Nullable String statusCode, @Nullable String statusMeaning,
                            @Nullable String statusDescription, @Nullable String reportedBy, @Nullable Instant reportedAt) {
    }

    /**
     * One edXML message about the document.
     *
     * @param revision new, revoke, update or replace, for a document message
     * @param linked false when accepted under the {@code accept} policy without a known document
     */
    public record Message(String envelopeId, String kind, @Nullable String revision, @Nullable String statusCode,
                          @Nullable String statusMeaning, @Nullable String statusDescription, String reportedBy,
                          boolean linked, Instant acceptedAt) {
    }
}
