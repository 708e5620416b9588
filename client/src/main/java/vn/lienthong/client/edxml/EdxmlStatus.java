package vn.lienthong.client.edxml;

import static vn.lienthong.client.edxml.EdxmlWriter.EDXML;
import static vn.lienthong.client.edxml.EdxmlWriter.optional;
import static vn.lienthong.client.edxml.EdxmlWriter.required;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.UnsignedDocument;

/**
 * An unsigned edXML status message, valid against {@code edxml-v1.xsd}: what became of a
 * document (shared/domain/edxml.md). It goes back to the agency named in its
 * {@link ResponseFor}, and the gateway applies it to that document.
 *
 * <pre>{@code
 * EdxmlStatus accepted = EdxmlStatus.builder()
 *         .from(Organisation.of("000.00.05.H53").name("Sở Tài chính"))
 *         .responseFor(ResponseFor.document("000.00.01.H53", "000.00.01.H53,2026/11/28,15/TTPVHCC"))
 *         .status(EdxmlStatusCode.ACCEPTED)
 *         .description("Đã tiếp nhận, vào sổ")
 *         .staff(Staff.named("Lê Thị Cúc").department("Văn thư"))
 *         .build();
 * }</pre>
 */
public final class EdxmlStatus extends UnsignedDocument {

    private static final Pattern STATUS_CODE = Pattern.compile("\\d{1,8}");

    private final String statusCode;
    private final ResponseFor responseFor;

    private EdxmlStatus(String statusCode, ResponseFor responseFor, Document document) {
        super(document);
        this.statusCode = statusCode;
        this.responseFor = responseFor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code StatusCode} as written. */
    public String statusCode() {
        return statusCode;
    }

    /** The document the status is about; its {@code organId} receives the message. */
    public ResponseFor responseFor() {
        return responseFor;
    }

    /** Collects the fields of one status message; {@link #build()} checks them and the result against {@code edxml-v1.xsd}. */
    public static final class Builder {

        private @Nullable Organisation from;
        private @Nullable ResponseFor responseFor;
        private @Nullable Staff staff;
        private @Nullable String statusCode;
        private @Nullable String description;
        private @Nullable OffsetDateTime at;

        private Builder() {
        }

        /** The reporting agency, which must be the one calling the gateway. */
        public Builder from(Organisation reporter) {
            this.from = reporter;
            return this;
        }

        /** The document reported on: who sent it (the message goes back to them) and its DocumentId. */
        public Builder responseFor(ResponseFor answered) {
            this.responseFor = answered;
            return this;
        }

        /** The clerk who reports. */
        public Builder staff(Staff clerk) {
            this.staff = clerk;
            return this;
        }

        public Builder status(EdxmlStatusCode code) {
            this.statusCode = code.code();
            return this;
        }

        /** A code as text, 1–8 digits: for codes this library does not name; the gateway keeps them as sent. */
        public Builder statusCode(String code) {
            this.statusCode = code;
            return this;
        }

        /** What happened, in words (a refusal's reason, say). */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** When it happened: now, to the second, when not given. */
        public Builder at(OffsetDateTime when) {
            this.at = when;
            return this;
        }

        /**
         * @throws EdxmlInvalidException naming the field when one is missing or malformed, or
         *         when the result is not valid against {@code edxml-v1.xsd}
         */
        public EdxmlStatus build() {
            Organisation reporter = required(from, "from", "the reporting agency");
            EdxmlWriter.organId(reporter.organId(), "from.organId");
            ResponseFor answered = EdxmlWriter.checkResponseFor(responseFor, "responseFor");
            String code = required(statusCode, "status", "the status code (status(EdxmlStatusCode) or statusCode(String))");
            if (!STATUS_CODE.matcher(code).matches()) {
                throw new EdxmlInvalidException("statusCode", "'" + code + "' is no status code: 1–8 digits, such as 03");
            }

            Document document = EdxmlWriter.newDocument();
            Element header = EDXML.append(EDXML.append(document.getDocumentElement(), "edXMLEnvelope"), "edXMLHeader");
            Element message = EDXML.append(header, "MessageHeader");
            EdxmlWriter.organ(message, "From", reporter);
            EdxmlWriter.responseFor(message, answered);
            EdxmlWriter.staff(message, staff);
            EDXML.append(message, "StatusCode", code);
            optional(message, "Description", description);
            EDXML.append(message, "Timestamp", EdxmlWriter.timestamp(at != null ? at : EdxmlWriter.now()));
            EdxmlWriter.validate(document);
            return new EdxmlStatus(code, answered, document);
        }
    }
}
