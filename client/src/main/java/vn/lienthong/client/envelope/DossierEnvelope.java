package vn.lienthong.client.envelope;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.client.ContractSchema;
import vn.lienthong.client.UnsignedDocument;
import vn.lienthong.client.edxml.DossierEdxml;
import vn.lienthong.xml.SecureXml;

/**
 * An unsigned dossier envelope, valid against {@code envelope-v1.xsd}: build one with
 * {@link #builder()}, then sign its bytes ({@link #sign}) and submit them.
 *
 * <pre>{@code
 * DossierEnvelope envelope = DossierEnvelope.builder()
 *         .id("tutorial-0001").kind(EnvelopeKind.HANDOFF)
 *         .from("000.00.01.H53", "Nguyễn Văn An").to("000.01.12.H53")
 *         .dossier("000.00.01.H53-261127-0001", "1.004227")
 *         .step("Thẩm định hồ sơ", AllowedTime.workingDays(5))
 *         .applicant(Applicant.named("Trần Thị Bình"))
 *         .component(Component.inline(Path.of("don.pdf"), "application/pdf"))
 *         .build();
 * }</pre>
 */
public final class DossierEnvelope extends UnsignedDocument {

    public static final String NAMESPACE = "urn:lienthong:envelope:v1";

    /** Vietnam time, the offset the envelope's times are written in unless the caller gives another. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Seconds always, a fraction only when there is one, the offset as +07:00 or Z: the schema's form. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private static final ContractSchema SCHEMA = ContractSchema.load("envelope-v1.xsd");

    private final String id;
    private final String dossierCode;

    private DossierEnvelope(String id, String dossierCode, Document document) {
        super(document);
        this.id = id;
        this.dossierCode = dossierCode;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() {
        return id;
    }

    public String dossierCode() {
        return dossierCode;
    }

    /** The same dossier traffic as an unsigned edXML document (docs/EDXML.md), to sign and submit instead. */
    public byte[] toEdxml() {
        return SecureXml.serialize(new DossierEdxml().toEdxml(document()));
    }

    /** Collects the fields of one envelope; {@link #build()} checks them against the contract. */
    public static final class Builder {

        private @Nullable String id;
        private @Nullable EnvelopeKind kind;
        private @Nullable OffsetDateTime createdAt;
        private @Nullable String from;
        private @Nullable String officer;
        private final Set<String> to = new LinkedHashSet<>();
        private @Nullable String inReplyTo;
        private @Nullable String subject;
        private @Nullable String dossierCode;
        private @Nullable String procedureCode;
        private @Nullable String procedureName;
        private @Nullable OffsetDateTime receivedAt;
        private @Nullable OffsetDateTime promisedReturnAt;
        private @Nullable String stepName;
        private @Nullable AllowedTime allowedTime;
        private @Nullable Integer status;
        private @Nullable String note;
        private @Nullable Applicant applicant;
        private final List<Component> components = new ArrayList<>();

        private Builder() {
        }

        /** Yours, unique for good: 1–128 of A-Z a-z 0-9 . _ : - ; a retry sends the same id and bytes. */
        public Builder id(String envelopeId) {
            this.id = envelopeId;
            return this;
        }

        public Builder kind(EnvelopeKind kind) {
            this.kind = kind;
            return this;
        }

        /** When the envelope was made; now (to the second, Vietnam time) if not given. */
        public Builder createdAt(OffsetDateTime createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** The sending agency, which must be the one calling the gateway. */
        public Builder from(String agencyCode) {
            this.from = agencyCode;
            return this;
        }

        /** The sending agency and the officer who gives the dossier (shown on the control slip). */
        public Builder from(String agencyCode, String officer) {
            this.from = agencyCode;
            this.officer = officer;
            return this;
        }

        /** One or more recipients, each once. */
        public Builder to(String... agencyCodes) {
            to.addAll(List.of(agencyCodes));
            return this;
        }

        /** The envelope this one answers. */
        public Builder inReplyTo(String envelopeId) {
            this.inReplyTo = envelopeId;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The dossier's code ({agency}-{yyMMdd}-{NNNN}) and its procedure's code (such as 1.004227). */
        public Builder dossier(String code, String procedureCode) {
            this.dossierCode = code;
            this.procedureCode = procedureCode;
            return this;
        }

        public Builder procedureName(String name) {
            this.procedureName = name;
            return this;
        }

        /** When the reception desk received the dossier. */
        public Builder receivedAt(OffsetDateTime at) {
            this.receivedAt = at;
            return this;
        }

        /** Ngày hẹn trả: the date promised to the applicant. */
        public Builder promisedReturnAt(OffsetDateTime at) {
            this.promisedReturnAt = at;
            return this;
        }

        /** The step the recipients must do, without a time limit. */
        public Builder step(String name) {
            this.stepName = name;
            this.allowedTime = null;
            return this;
        }

        /** The step the recipients must do and the working time they have for it. */
        public Builder step(String name, AllowedTime allowed) {
            this.stepName = name;
            this.allowedTime = allowed;
            return this;
        }

        /** The national dossier status, 1 to 10; required in a {@link EnvelopeKind#STATUS} envelope. */
        public Builder status(int status) {
            this.status = status;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public Builder applicant(Applicant applicant) {
            this.applicant = applicant;
            return this;
        }

        public Builder component(Component component) {
            components.add(component);
            return this;
        }

        /**
         * @throws EnvelopeInvalidException when a required field is missing or the result is not
         *         valid against {@code envelope-v1.xsd} (the message names the first violation)
         */
        public DossierEnvelope build() {
            String envelopeId = required(id, "an envelope id (id)");
            EnvelopeKind envelopeKind = required(kind, "a kind (kind)");
            String sender = required(from, "the sending agency (from)");
            String code = required(dossierCode, "the dossier's code (dossier)");
            String procedure = required(procedureCode, "the procedure's code (dossier)");
            if (to.isEmpty()) {
                throw new EnvelopeInvalidException("an envelope needs at least one recipient (to)");
            }
            if (envelopeKind == EnvelopeKind.STATUS && status == null) {
                throw new EnvelopeInvalidException("a status envelope needs the dossier's status (status)");
            }
            Document document = SecureXml.newDocument();
            Element root = document.createElementNS(NAMESPACE, "Envelope");
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, XMLConstants.XMLNS_ATTRIBUTE, NAMESPACE);
            document.appendChild(root);
            writeHeader(root, envelopeId, envelopeKind, sender);
            writeDossier(root, code, procedure);
            writeComponents(root);
            SCHEMA.violation(document).ifPresent(violation -> {
                throw new EnvelopeInvalidException("the envelope is not valid: " + violation);
            });
            return new DossierEnvelope(envelopeId, code, document);
        }

        private void writeHeader(Element root, String envelopeId, EnvelopeKind envelopeKind, String sender) {
            Element header = append(root, "Header");
            append(header, "EnvelopeId", envelopeId);
            append(header, "CreatedAt", time(Objects.requireNonNullElseGet(createdAt,
                    () -> OffsetDateTime.now(VIETNAM).truncatedTo(ChronoUnit.SECONDS))));
            append(header, "Kind", envelopeKind.value());
            Element fromElement = append(header, "From", sender);
            if (officer != null) {
                fromElement.setAttribute("officer", officer);
            }
            to.forEach(recipient -> append(header, "To", recipient));
            optional(header, "InReplyTo", inReplyTo);
            optional(header, "Subject", subject);
        }

        private void writeDossier(Element root, String code, String procedure) {
            Element dossier = append(root, "Dossier");
            append(dossier, "Code", code);
            append(dossier, "ProcedureCode", procedure);
            optional(dossier, "ProcedureName", procedureName);
            optional(dossier, "ReceivedAt", receivedAt == null ? null : time(receivedAt));
            optional(dossier, "PromisedReturnAt", promisedReturnAt == null ? null : time(promisedReturnAt));
            if (stepName != null) {
                Element step = append(dossier, "Step");
                append(step, "Name", stepName);
                if (allowedTime != null) {
                    append(step, "AllowedTime", Integer.toString(allowedTime.amount()))
                            .setAttribute("unit", allowedTime.unit().value());
                }
            }
            optional(dossier, "Status", status == null ? null : status.toString());
            optional(dossier, "Note", note);
            if (applicant != null) {
                Element person = append(dossier, "Applicant");
                append(person, "Name", applicant.name());
                optional(person, "IdentityNumber", applicant.identityNumber());
                optional(person, "Address", applicant.address());
                optional(person, "Phone", applicant.phone());
                optional(person, "Email", applicant.email());
            }
        }

        private void writeComponents(Element root) {
            if (components.isEmpty()) {
                return;
            }
            Element list = append(root, "Components");
            for (Component component : components) {
                Element element = append(list, "Component");
                append(element, "Name", component.name());
                append(element, "MediaType", component.mediaType());
                append(element, "Size", Long.toString(component.size()));
                append(element, "Sha256", component.sha256());
                if (component.content() != null) {
                    append(element, "Content", component.content());
                } else {
                    append(element, "ContentReference", String.valueOf(component.reference()));
                }
            }
        }

        private static <T> T required(@Nullable T value, String what) {
            if (value == null) {
                throw new EnvelopeInvalidException("an envelope needs " + what);
            }
            return value;
        }

        private static String time(OffsetDateTime at) {
            return TIME.format(at);
        }

        private static Element append(Node parent, String name) {
            Element element = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
            parent.appendChild(element);
            return element;
        }

        private static Element append(Node parent, String name, String text) {
            Element element = append(parent, name);
            element.setTextContent(text);
            return element;
        }

        private static void optional(Node parent, String name, @Nullable String text) {
            if (text != null) {
                append(parent, name, text);
            }
        }
    }
}
