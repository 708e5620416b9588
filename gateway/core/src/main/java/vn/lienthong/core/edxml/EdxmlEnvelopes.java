package vn.lienthong.core.edxml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.envelope.DossierReference;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeFormat;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.envelope.Party;
import vn.lienthong.core.error.ErrorCode;

/**
 * What an edXML message is on the gateway's path: its envelope id, parties, kind, dossier and
 * order key (docs/EDXML.md, "On the gateway's path").
 *
 * <p>edXML has no id per message: a revision keeps its document's {@code DocumentId}, and a
 * status message has none of its own. The envelope id is therefore derived from the bytes,
 * {@code edxml-} and the first 128 bits of their SHA-256 in hex, so sending the same message
 * again is recognised as a retry and answered with the first receipt.
 */
public final class EdxmlEnvelopes {

    /** The prefix of envelope ids and order keys the gateway derives for edXML traffic. */
    public static final String PREFIX = "edxml-";

    private final ZoneId zone;

    /** @param zone the zone edXML's local dates and times are in (Asia/Ho_Chi_Minh) */
    public EdxmlEnvelopes(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param sha256 the base64 SHA-256 of the message's bytes
     * @param dossier what a message marked as dossier traffic carries, null otherwise
     */
    public Envelope envelope(EdxmlMessage message, String sha256, EdxmlDossier.@Nullable Content dossier) {
        Party sender = new Party(agency(message.from().organId(), "From"),
                message.staff() == null ? null : message.staff().name());
        List<Party> recipients = switch (message.kind()) {
            case DOCUMENT -> message.to().stream().map(to -> new Party(agency(to.organId(), "To"), null)).toList();
            case STATUS -> List.of(new Party(agency(responseFor(message).organId(), "ResponseFor/OrganId"), null));
        };
        EnvelopeKind kind = dossier != null ? dossier.kind()
                : message.kind() == EdxmlMessage.Kind.STATUS ? EnvelopeKind.DOCUMENT_STATUS : EnvelopeKind.DOCUMENT;
        DossierReference reference = dossier == null ? null : dossier.dossier();
        String subject = message.kind() == EdxmlMessage.Kind.STATUS
                ? "edXML status " + message.statusCode() + (message.statusDescription() == null ? "" : ": " + message.statusDescription())
                : message.subject();
        return new Envelope(PREFIX + hex(Base64.getDecoder().decode(sha256)), EnvelopeFormat.EDXML, createdAt(message),
                kind, sender, recipients, message.responseFor() == null ? null : message.responseFor().documentId(),
                clip(subject), reference, List.of(), reference != null ? reference.code() : orderKey(documentId(message)));
    }

    /** The DocumentId a message is or concerns: its own for a document, the answered one for a status. */
    public static String documentId(EdxmlMessage message) {
        if (message.kind() == EdxmlMessage.Kind.STATUS) {
            return responseFor(message).documentId();
        }
        if (message.documentId() == null || message.documentId().isBlank()) {
            throw ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("an edXML document needs MessageHeader/DocumentId")
                    .with("element", "DocumentId").build();
        }
        return message.documentId();
    }

    /**
     * Every message about one document shares a key, whoever sends it, so its revisions and
     * status messages reach each agency in the order the gateway accepted them.
     */
    static String orderKey(String documentId) {
        return PREFIX + hex(sha256(documentId.getBytes(StandardCharsets.UTF_8)));
    }

    private @Nullable OffsetDateTime createdAt(EdxmlMessage message) {
        LocalDateTime local = message.traces().isEmpty() ? null : message.traces().get(0).timestamp();
        if (local == null) {
            local = message.statusTimestamp();
        }
        if (local == null && message.promulgationDate() != null) {
            local = message.promulgationDate().atStartOfDay();
        }
        return local == null ? null : local.atZone(zone).toOffsetDateTime();
    }

    private static EdxmlMessage.ResponseFor responseFor(EdxmlMessage message) {
        if (message.responseFor() == null) {
            throw ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("an edXML status message needs ResponseFor with the"
                    + " OrganId and DocumentId it answers").with("element", "ResponseFor").build();
        }
        return message.responseFor();
    }

    private static AgencyCode agency(String organId, String where) {
        String code = organId.strip();
        if (!AgencyCode.isWellFormed(code)) {
            throw ErrorCode.AGENCY_CODE_INVALID.exception(where + " '" + code + "' is not an agency code"
                    + " (upper-case letters, digits and dots, at most 35)").with("element", where).build();
        }
        return AgencyCode.of(code);
    }

    private static @Nullable String clip(@Nullable String subject) {
        return subject == null || subject.length() <= 1000 ? subject : subject.substring(0, 1000);
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
