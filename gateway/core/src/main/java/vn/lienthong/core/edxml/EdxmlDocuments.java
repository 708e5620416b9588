package vn.lienthong.core.edxml;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.tracking.DossierTracking;

/**
 * The documents edXML traffic concerns, keyed as edXML keys them: the sending agency and its
 * {@code DocumentId}. Accepting a message links it to its document inside the acceptance
 * transaction, so a refusal here (a second "new" document with a used id, a revision or
 * status about a document never carried) leaves nothing stored.
 *
 * <p>A revision (revoke, update, replace) keeps its document's {@code DocumentId}, as the
 * real traffic does; a replacement may also name other documents it replaces
 * ({@code ReplacementInfo}), which are marked replaced when known. A status message links to
 * the document exchanged between its {@code From} and its {@code ResponseFor/OrganId}, in
 * either direction: recipients report 01–06 to the sender, the sender asks 13 of a recipient.
 */
public class EdxmlDocuments {

    /** Status codes by which a recipient says it has the document: the hand-off was taken. */
    private static final Set<String> TAKING = Set.of("01", "03", "04", "05", "06");

    private final JdbcClient jdbc;
    private final DossierTracking tracking;
    private final EdxmlProperties.UnknownReferences unknownReferences;

    public EdxmlDocuments(JdbcClient jdbc, DossierTracking tracking, EdxmlProperties.UnknownReferences unknownReferences) {
        this.jdbc = jdbc;
        this.tracking = tracking;
        this.unknownReferences = unknownReferences;
    }

    /** Links an accepted edXML message to its document; call inside the acceptance transaction. */
    public void record(Envelope envelope, EdxmlMessage message, String sha256, Instant at) {
        String documentId = EdxmlEnvelopes.documentId(message);
        if (message.kind() == EdxmlMessage.Kind.STATUS) {
            recordStatus(envelope, message, documentId, sha256, at);
        } else {
            recordDocument(envelope, message, documentId, at);
        }
    }

    private void recordDocument(Envelope envelope, EdxmlMessage message, String documentId, Instant at) {
        String sender = envelope.sender().agency().value();
        BusinessDocType revision = message.businessDocType();
        boolean linked = true;
        if (revision == BusinessDocType.NEW) {
            int added = jdbc.sql("""
                            INSERT INTO edxml_document (sender, document_id, envelope_id, subject, dossier_code, state,
                                                        created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(sender, documentId, envelope.id(), envelope.subject(), envelope.dossierCode(),
                            DocumentState.ACTIVE.name(), utc(at), utc(at))
                    .update();
            if (added == 0) {
                String first = jdbc.sql("SELECT envelope_id FROM edxml_document WHERE sender = ? AND document_id = ?")
                        .params(sender, documentId).query(String.class).single();
                throw ErrorCode.EDXML_DOCUMENT_EXISTS.exception(sender + " already sent document '" + documentId
                                + "' (envelope " + first + "); send a revision (BussinessDocType 2 or 3) or use a new DocumentId")
                        .with("documentId", documentId).with("envelopeId", first).build();
            }
        } else {
            linked = revise(sender, documentId, revision, at);
            if (revision == BusinessDocType.REPLACE) {
                for (String replaced : message.replacedDocumentIds()) {
                    if (!replaced.equals(documentId)) {
                        jdbc.sql("UPDATE edxml_document SET state = ?, updated_at = ? WHERE sender = ? AND document_id = ?")
                                .params(DocumentState.REPLACED.name(), utc(at), sender, replaced).update();
                    }
                }
            }
        }
        insertMessage(envelope, sender, documentId, "DOCUMENT", revision.code(), null, null, linked, at);
    }

    private boolean revise(String sender, String documentId, BusinessDocType revision, Instant at) {
        int revised = jdbc.sql("UPDATE edxml_document SET state = ?, updated_at = ? WHERE sender = ? AND document_id = ?")
                .params(DocumentState.after(revision).name(), utc(at), sender, documentId)
                .update();
        if (revised == 0) {
            unknown("a " + revision.name().toLowerCase() + " of document '" + documentId + "', which " + sender
                    + " never sent through this gateway", sender, documentId);
            return false;
        }
        return true;
    }

    private void recordStatus(Envelope envelope, EdxmlMessage message, String documentId, String sha256, Instant at) {
        String reporter = envelope.sender().agency().value();
        String other = envelope.recipients().get(0).agency().value();
        Optional<Link> link = link(other, documentId, reporter).or(() -> link(reporter, documentId, other));
        if (link.isEmpty()) {
            unknown("a status about document '" + documentId + "', which this gateway never carried between "
                    + other + " and " + reporter, other, documentId);
            insertMessage(envelope, other, documentId, "STATUS", null, message.statusCode(), message.statusDescription(),
                    false, at);
            return;
        }
        Link document = link.get();
        insertMessage(envelope, document.sender(), documentId, "STATUS", null, message.statusCode(),
                message.statusDescription(), true, at);
        int added = jdbc.sql("""
                        INSERT INTO edxml_recipient_status (document_sender, document_id, recipient, status_code,
                                                            status_description, reported_by, envelope_id, reported_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(document.sender(), documentId, document.recipient(), message.statusCode(),
                        clip(message.statusDescription()), reporter, envelope.id(), utc(at))
                .update();
        if (added == 0) {
            jdbc.sql("""
                            UPDATE edxml_recipient_status SET status_code = ?, status_description = ?, reported_by = ?,
                                   envelope_id = ?, reported_at = ?
                            WHERE document_sender = ? AND document_id = ? AND recipient = ?""")
                    .params(message.statusCode(), clip(message.statusDescription()), reporter, envelope.id(), utc(at),
                            document.sender(), documentId, document.recipient())
                    .update();
        }
        if (document.dossierCode() != null) {
            boolean taking = reporter.equals(document.recipient()) && TAKING.contains(message.statusCode());
            tracking.recordDocumentStatus(document.dossierCode(), envelope, sha256, document.envelopeId(),
                    statusNote(message), taking, at);
        }
    }

    /** The document {@code sender} sent as {@code documentId} to {@code recipient}, if the gateway carried it. */
    private Optional<Link> link(String sender, String documentId, String recipient) {
        return jdbc.sql("""
                        SELECT d.envelope_id, d.dossier_code FROM edxml_document d
                        WHERE d.sender = :sender AND d.document_id = :document AND EXISTS (
                            SELECT 1 FROM edxml_message m JOIN delivery v ON v.envelope_id = m.envelope_id
                            WHERE m.document_sender = d.sender AND m.document_id = d.document_id
                              AND m.message_kind = 'DOCUMENT' AND v.recipient = :recipient)""")
                .param("sender", sender).param("document", documentId).param("recipient", recipient)
                .query((rs, n) -> new Link(sender, recipient, rs.getString(1), rs.getString(2)))
                .optional();
    }

    private record Link(String sender, String recipient, String envelopeId, @Nullable String dossierCode) {
    }

    private void unknown(String what, String sender, String documentId) {
        if (unknownReferences == EdxmlProperties.UnknownReferences.REFUSE) {
            throw ErrorCode.EDXML_REFERENCE_UNKNOWN.exception(what)
                    .with("organId", sender).with("documentId", documentId).build();
        }
    }

    private void insertMessage(Envelope envelope, String documentSender, String documentId, String kind,
                               @Nullable Integer revision, @Nullable String statusCode, @Nullable String description,
                               boolean linked, Instant at) {
        jdbc.sql("""
                        INSERT INTO edxml_message (envelope_id, document_sender, document_id, message_kind,
                                                   business_doc_type, status_code, status_description, reported_by,
                                                   linked, accepted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(envelope.id(), documentSender, documentId, kind, revision, statusCode, clip(description),
                        envelope.sender().agency().value(), linked, utc(at))
                .update();
    }

    /**
     * The document {@code sender} sent as {@code documentId}, for a caller who sent or received
     * any message about it, or who reads everything.
     */
    public DocumentView view(Caller caller, String sender, String documentId) {
        DocumentView view = jdbc.sql("""
                        SELECT sender, document_id, state, subject, dossier_code, envelope_id, created_at, updated_at
                        FROM edxml_document WHERE sender = ? AND document_id = ?""")
                .params(sender, documentId)
                .query((rs, n) -> new DocumentView(rs.getString(1), rs.getString(2),
                        DocumentState.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        instant(rs, 7), instant(rs, 8), recipients(sender, documentId, rs.getString(6)),
                        messages(sender, documentId)))
                .optional()
                .orElseThrow(() -> notFound(sender, documentId));
        if (!caller.readsEverything() && !tookPart(caller, view)) {
            throw notFound(sender, documentId);
        }
        return view;
    }

    private static boolean tookPart(Caller caller, DocumentView view) {
        if (caller.agency() == null) {
            return false;
        }
        String agency = caller.agency().value();
        return view.sender().equals(agency)
                || view.recipients().stream().anyMatch(r -> r.agency().equals(agency))
                || view.messages().stream().anyMatch(m -> m.reportedBy().equals(agency));
    }

    private List<DocumentView.Recipient> recipients(String sender, String documentId, String envelopeId) {
        return jdbc.sql("""
                        SELECT v.recipient, v.state, s.status_code, s.status_description, s.reported_by, s.reported_at
                        FROM delivery v LEFT JOIN edxml_recipient_status s
                          ON s.document_sender = ? AND s.document_id = ? AND s.recipient = v.recipient
                        WHERE v.envelope_id = ? ORDER BY v.recipient""")
                .params(sender, documentId, envelopeId)
                .query((rs, n) -> new DocumentView.Recipient(rs.getString(1), rs.getString(2), rs.getString(3),
                        meaning(rs.getString(3)), rs.getString(4), rs.getString(5), instant(rs, 6)))
                .list();
    }

    private List<DocumentView.Message> messages(String sender, String documentId) {
        return jdbc.sql("""
                        SELECT envelope_id, message_kind, business_doc_type, status_code, status_description,
                               reported_by, linked, accepted_at
                        FROM edxml_message WHERE document_sender = ? AND document_id = ? ORDER BY accepted_at, envelope_id""")
                .params(sender, documentId)
                .query((rs, n) -> {
                    int revision = rs.getInt(3);
                    boolean hasRevision = !rs.wasNull();
                    return new DocumentView.Message(rs.getString(1), rs.getString(2).toLowerCase(),
                            hasRevision ? BusinessDocType.ofCode(revision).name().toLowerCase() : null,
                            rs.getString(4), meaning(rs.getString(4)), rs.getString(5), rs.getString(6),
                            rs.getBoolean(7), instant(rs, 8));
                })
                .list();
    }

    private static @Nullable String meaning(@Nullable String statusCode) {
        return statusCode == null ? null : EdxmlStatusCode.of(statusCode).map(EdxmlStatusCode::meaning).orElse("unknown");
    }

    private static String statusNote(EdxmlMessage message) {
        String meaning = EdxmlStatusCode.of(message.statusCode()).map(EdxmlStatusCode::meaning).orElse("unknown code");
        return "edXML status " + message.statusCode() + " (" + meaning + ")"
                + (message.statusDescription() == null ? "" : ": " + message.statusDescription());
    }

    private static GatewayException notFound(String sender, String documentId) {
        return ErrorCode.EDXML_DOCUMENT_NOT_FOUND.exception("no document '" + documentId + "' from " + sender
                + " that you may read").with("documentId", documentId).with("organId", sender).build();
    }

    private static @Nullable String clip(@Nullable String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
