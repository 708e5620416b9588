package vn.lienthong.core.edxml;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an edXML document or status message says, read from its header, trace list and
 * attachments by {@link EdxmlReader}. Times are Vietnam's wall-clock time (Asia/Ho_Chi_Minh)
 * as edXML writes them, without an offset. The bytes themselves stay as received.
 *
 * @param documentId the document's {@code DocumentId}; null in a status message, which names
 *        the document it answers in {@code responseFor}
 * @param businessDocumentId {@code Bussiness/DocumentId}, as the sender wrote it
 * @param replacedDocumentIds for a replacement, the documents it replaces, each once, in order
 * @param responseFor the document answered: always there in a status message; in a document,
 *        the first {@code ResponseFor} that names both an agency and a document (systems send
 *        empty ones as templates)
 * @param statusCode the status code as sent, known or not ({@link EdxmlStatusCode#of})
 * @param staff the clerk: {@code StaffInfo} of the status message, or of {@code Bussiness}
 * @param traces the hops, in document order
 * @param attachments the attachments, in document order; their content stays in the document
 */
public record EdxmlMessage(Kind kind, Organ from, List<Organ> to, @Nullable String documentId,
                           @Nullable String codeNumber, @Nullable String codeNotation, @Nullable String subject,
                           @Nullable LocalDate promulgationDate, @Nullable String applicationType,
                           BusinessDocType businessDocType, @Nullable String businessDocumentId,
                           List<String> replacedDocumentIds, @Nullable ResponseFor responseFor,
                           @Nullable String statusCode, @Nullable String statusDescription,
                           @Nullable LocalDateTime statusTimestamp, @Nullable Staff staff, List<TraceHop> traces,
                           List<Attachment> attachments) {

    /** A document, or a status message about one. */
    public enum Kind {
        /** A document (văn bản điện tử) for one or more recipients. */
        DOCUMENT,
        /** A status message: its {@code MessageHeader} has a {@code StatusCode} and no {@code To}. */
        STATUS
    }

    /** An agency: its code ({@code OrganId}) and the name it gave. */
    public record Organ(String organId, @Nullable String name) {
    }

    /** The document a message answers. */
    public record ResponseFor(String organId, @Nullable String code, String documentId,
                              @Nullable LocalDate promulgationDate) {
    }

    /** The clerk who handled the message. */
    public record Staff(@Nullable String department, @Nullable String name, @Nullable String email,
                        @Nullable String mobile) {
    }

    /** One hop: the agency that passed the message on, and when. */
    public record TraceHop(String organId, @Nullable LocalDateTime timestamp) {
    }

    /**
     * One attachment. Content type and description come from the {@code Attachment}, or from
     * the manifest's {@code Reference} with the same content id when the attachment lacks them.
     */
    public record Attachment(String contentId, String name, @Nullable String contentType,
                             @Nullable String description) {
    }

    public EdxmlMessage {
        to = List.copyOf(to);
        replacedDocumentIds = List.copyOf(replacedDocumentIds);
        traces = List.copyOf(traces);
        attachments = List.copyOf(attachments);
    }

    /** True for lienthong dossier traffic, whose dossier {@link EdxmlDossier} reads. */
    public boolean carriesDossier() {
        return EdxmlReader.DOSSIER_APPLICATION_TYPE.equals(applicationType);
    }
}
