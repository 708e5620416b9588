package vn.lienthong.core.error;

/**
 * Every error a caller can get, with its stable code and HTTP status.
 *
 * <p>The constant's name is the code that travels in problem documents, SOAP faults, logs
 * and metric tags. Once released a code keeps its name and meaning: retire it by
 * deprecating the constant, never by renaming or reusing it. {@code docs/ERRORS.md} lists
 * them all and a test keeps the two in step.
 */
public enum ErrorCode {

    // Transport and authentication
    AUTHENTICATION_REQUIRED(Category.SECURITY, 401, "Authentication required"),
    AUTHENTICATION_FAILED(Category.SECURITY, 401, "Authentication failed"),
    ACCESS_DENIED(Category.SECURITY, 403, "Access denied"),
    MEDIA_TYPE_UNSUPPORTED(Category.INPUT, 415, "Unsupported media type"),
    NOT_ACCEPTABLE(Category.INPUT, 406, "No acceptable representation"),
    RESOURCE_NOT_FOUND(Category.INPUT, 404, "No such resource"),
    METHOD_NOT_ALLOWED(Category.INPUT, 405, "Method not allowed"),
    REQUEST_INVALID(Category.INPUT, 400, "Request invalid"),
    ENVELOPE_TOO_LARGE(Category.INPUT, 413, "Envelope too large"),
    REQUEST_BODY_UNREADABLE(Category.INPUT, 400, "Request body could not be read"),

    // The XML itself
    ENVELOPE_NOT_XML(Category.INPUT, 400, "Body is not well-formed XML"),
    XML_ENCODING_INVALID(Category.INPUT, 400, "Bytes are not valid in the document's encoding"),
    XML_DOCTYPE_FORBIDDEN(Category.SECURITY, 400, "Document type declarations are not accepted"),
    XML_LIMIT_EXCEEDED(Category.SECURITY, 400, "XML structure exceeds a limit"),
    ENVELOPE_SCHEMA_INVALID(Category.INPUT, 400, "Envelope does not match its schema"),
    AGENCY_CODE_INVALID(Category.INPUT, 400, "Agency code has an invalid form"),
    COMPONENT_CONTENT_INVALID(Category.INPUT, 400, "Component content is not valid base64"),
    COMPONENT_DIGEST_MISMATCH(Category.INPUT, 400, "Component content does not match its size or SHA-256"),
    EDXML_ATTACHMENT_INVALID(Category.INPUT, 400, "edXML attachment content is not valid base64"),
    EDXML_DOSSIER_INVALID(Category.INPUT, 422, "edXML dossier data is missing or invalid"),

    // Who may send what
    SENDER_NOT_CALLER(Category.SECURITY, 403, "Sender is not the authenticated agency"),
    RECIPIENT_UNKNOWN(Category.INPUT, 422, "Recipient agency is not registered"),

    // Signatures
    SIGNATURE_MISSING(Category.SECURITY, 400, "Envelope is not signed"),
    SIGNATURE_INVALID(Category.SECURITY, 400, "Signature does not verify"),
    SIGNATURE_PROFILE_VIOLATION(Category.SECURITY, 400, "Signature is outside the accepted profile"),
    SIGNER_UNKNOWN(Category.SECURITY, 403, "Signer certificate is not registered for the sending agency"),
    SIGNER_CERTIFICATE_UNTRUSTED(Category.SECURITY, 403, "Signer certificate does not chain to a trusted CA"),
    SIGNER_CERTIFICATE_OUTSIDE_VALIDITY(Category.SECURITY, 403, "Signer certificate is expired or not yet valid"),
    SIGNER_CERTIFICATE_NOT_FOR_SIGNING(Category.SECURITY, 403, "Signer certificate's key usage does not allow signing"),
    SIGNER_CERTIFICATE_REVOKED(Category.SECURITY, 403, "Signer certificate is revoked"),
    SIGNER_REVOCATION_UNKNOWN(Category.SYSTEM, 503, "Signer certificate's revocation status cannot be checked now"),

    // State
    ENVELOPE_ID_CONFLICT(Category.STATE, 409, "Envelope id already used for different content"),
    ENVELOPE_NOT_FOUND(Category.STATE, 404, "Envelope not found"),
    INBOX_ENTRY_NOT_FOUND(Category.STATE, 404, "No such envelope in the inbox"),
    DOSSIER_NOT_FOUND(Category.STATE, 404, "Dossier not found"),
    EDXML_DOCUMENT_NOT_FOUND(Category.STATE, 404, "edXML document not found"),
    AGENCY_NOT_FOUND(Category.STATE, 404, "Agency not registered"),
    DEAD_LETTER_NOT_FOUND(Category.STATE, 404, "No such dead letter"),
    PORTAL_DEAD_LETTER_NOT_FOUND(Category.STATE, 404, "No such portal dead letter"),
    DOSSIER_TRANSITION_NOT_ALLOWED(Category.STATE, 409, "Dossier status cannot change that way"),
    DOSSIER_STATUS_MISSING(Category.INPUT, 422, "Status envelope reports no status"),
    DOSSIER_STATUS_CONFLICT(Category.INPUT, 422, "Envelope kind and reported status disagree"),
    EDXML_REFERENCE_UNKNOWN(Category.STATE, 422, "edXML message refers to a document this gateway never carried"),
    EDXML_DOCUMENT_EXISTS(Category.STATE, 409, "edXML document id already used for a different document"),
    PORTAL_PROCEDURE_UNKNOWN(Category.INPUT, 422, "No route for the portal dossier's procedure"),
    AGENCY_REGISTRATION_INVALID(Category.INPUT, 400, "Agency registration invalid"),

    // The gateway's own faults and limits
    GATEWAY_BUSY(Category.SYSTEM, 503, "Gateway busy"),
    RECIPIENT_BACKLOGGED(Category.SYSTEM, 429, "Recipient backlogged"),
    INTERNAL_ERROR(Category.SYSTEM, 500, "Internal error");

    /** What kind of fault a code reports, for dashboards and for deciding whether a retry can help. */
    public enum Category {
        /** The request is malformed; resending it unchanged fails again. */
        INPUT,
        /** Authentication, authorisation, signatures and hostile input. */
        SECURITY,
        /** The request conflicts with what the gateway holds, or names something it does not hold. */
        STATE,
        /** The gateway failed; the same request may succeed later. */
        SYSTEM
    }

    private final Category category;
    private final int httpStatus;
    private final String title;

    ErrorCode(Category category, int httpStatus, String title) {
        this.category = category;
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public Category category() {
        return category;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }

    /** Starts an exception carrying this code; finish it with {@link GatewayException.Builder#build()}. */
    public GatewayException.Builder exception(String detail) {
        return new GatewayException.Builder(this, detail);
    }
}
