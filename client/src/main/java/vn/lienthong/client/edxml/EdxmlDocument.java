package vn.lienthong.client.edxml;

import static vn.lienthong.client.edxml.EdxmlWriter.EDXML;
import static vn.lienthong.client.edxml.EdxmlWriter.optional;
import static vn.lienthong.client.edxml.EdxmlWriter.required;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.UnsignedDocument;

/**
 * An unsigned edXML official document (văn bản điện tử, QCVN 102:2016), valid against
 * {@code edxml-v1.xsd}: build one with {@link #builder()}, sign it ({@link #sign}: the
 * signature goes into {@code edXMLHeader}) and submit the signed bytes like an envelope.
 *
 * <pre>{@code
 * EdxmlDocument letter = EdxmlDocument.builder()
 *         .from(Organisation.of("000.00.01.H53").name("Trung tâm Phục vụ hành chính công"))
 *         .to(Organisation.of("000.00.05.H53").name("Sở Tài chính"))
 *         .code("15", "TTPVHCC").promulgation("Tỉnh Demo", LocalDate.of(2026, 11, 28))
 *         .documentType("1", "Công văn")
 *         .subject("V/v phối hợp thẩm định hồ sơ")
 *         .signer(Signer.named("Nguyễn Văn An").competence("KT. GIÁM ĐỐC"))
 *         .attachment(Attachment.of(Path.of("cong-van.pdf"), "application/pdf"))
 *         .build();                  // DocumentId 000.00.01.H53,2026/11/28,15/TTPVHCC
 * byte[] signed = letter.sign(EnvelopeSigning.fromPkcs12(key, password));
 * }</pre>
 */
public final class EdxmlDocument extends UnsignedDocument {

    private final String documentId;

    private EdxmlDocument(String documentId, Document document) {
        super(document);
        this.documentId = documentId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code DocumentId}, as given or as derived from the sender, date and code. */
    public String documentId() {
        return documentId;
    }

    /** Collects the fields of one document; {@link #build()} checks them and the result against {@code edxml-v1.xsd}. */
    public static final class Builder {

        private @Nullable Organisation from;
        private final List<Organisation> to = new ArrayList<>();
        private @Nullable String documentId;
        private @Nullable String codeNumber;
        private @Nullable String codeNotation;
        private @Nullable String place;
        private @Nullable LocalDate promulgationDate;
        private @Nullable String type;
        private @Nullable String typeDetail;
        private @Nullable String typeName;
        private @Nullable String subject;
        private @Nullable String content;
        private @Nullable Signer signer;
        private @Nullable LocalDate dueDate;
        private final List<String> toPlaces = new ArrayList<>();
        private final Map<String, String> otherInfo = new LinkedHashMap<>();
        private final List<String> appendixes = new ArrayList<>();
        private final List<ResponseFor> responseFor = new ArrayList<>();
        private @Nullable SteeringType steering;
        private @Nullable String applicationType;
        private @Nullable OffsetDateTime sentAt;
        private BusinessDocType businessDocType = BusinessDocType.NEW;
        private @Nullable String reason;
        private @Nullable Boolean paper;
        private final Map<String, List<String>> replaces = new LinkedHashMap<>();
        private @Nullable Staff staff;
        private final List<Attachment> attachments = new ArrayList<>();

        private Builder() {
        }

        /** The sending agency, which must be the one calling the gateway. */
        public Builder from(Organisation sender) {
            this.from = sender;
            return this;
        }

        /** One or more recipients; the gateway delivers to each. */
        public Builder to(Organisation... recipients) {
            to.addAll(List.of(recipients));
            return this;
        }

        /**
         * The document's id; by default {@code {sender},{yyyy/MM/dd},{number}/{notation}} from
         * {@link #from}, the promulgation date and {@link #code} (identifiers.md). A revision
         * keeps the id of the document it revises.
         */
        public Builder documentId(String id) {
            this.documentId = id;
            return this;
        }

        /** Số và ký hiệu: {@code 7816} and {@code VPCP-TTĐT}. */
        public Builder code(String number, String notation) {
            this.codeNumber = number;
            this.codeNotation = notation;
            return this;
        }

        /** Where and when the document was promulgated. */
        public Builder promulgation(String promulgationPlace, LocalDate date) {
            this.place = promulgationPlace;
            this.promulgationDate = date;
            return this;
        }

        /** The kind of document: {@code Type} (the standard's number) and {@code TypeName} ({@code Công văn}). */
        public Builder documentType(String documentType, String name) {
            return documentType(documentType, null, name);
        }

        public Builder documentType(String documentType, @Nullable String detail, String name) {
            this.type = documentType;
            this.typeDetail = detail;
            this.typeName = name;
            return this;
        }

        /** Trích yếu; also the {@code Content} unless {@link #content} gives another text. */
        public Builder subject(String text) {
            this.subject = text;
            return this;
        }

        public Builder content(String text) {
            this.content = text;
            return this;
        }

        public Builder signer(Signer paperSigner) {
            this.signer = paperSigner;
            return this;
        }

        /** Hạn xử lý. */
        public Builder dueDate(LocalDate date) {
            this.dueDate = date;
            return this;
        }

        /** Nơi nhận as printed on the document ({@code ToPlaces/Place}); routing goes by {@link #to}. */
        public Builder toPlaces(String... places) {
            toPlaces.addAll(List.of(places));
            return this;
        }

        /** Độ khẩn ({@code OtherInfo/Priority}), as the sender's system codes it ({@code 0} normal). */
        public Builder priority(String priority) {
            otherInfo.put("Priority", priority);
            return this;
        }

        public Builder sphereOfPromulgation(String sphere) {
            otherInfo.put("SphereOfPromulgation", sphere);
            return this;
        }

        /** The typist's initials. */
        public Builder typerNotation(String initials) {
            otherInfo.put("TyperNotation", initials);
            return this;
        }

        /** Số bản and số trang. */
        public Builder amounts(int promulgationAmount, int pageAmount) {
            otherInfo.put("PromulgationAmount", Integer.toString(promulgationAmount));
            otherInfo.put("PageAmount", Integer.toString(pageAmount));
            return this;
        }

        /** {@code OtherInfo/Direction}: whether the document directs (true) or informs. */
        public Builder direction(boolean directs) {
            otherInfo.put("Direction", Boolean.toString(directs));
            return this;
        }

        /** A phụ lục, by its title. */
        public Builder appendix(String title) {
            appendixes.add(title);
            return this;
        }

        /** A document this one answers. */
        public Builder responseFor(ResponseFor answered) {
            responseFor.add(answered);
            return this;
        }

        public Builder steering(SteeringType type) {
            this.steering = type;
            return this;
        }

        /** {@code ApplicationType}; {@code lienthong-dossier} is reserved for dossier traffic ({@link DossierEdxml}). */
        public Builder applicationType(String type) {
            this.applicationType = type;
            return this;
        }

        /** The sender's hop ({@code TraceHeader}): now, to the second, when not given. */
        public Builder sentAt(OffsetDateTime at) {
            this.sentAt = at;
            return this;
        }

        /** A revision of the document sent before under the same {@link #documentId}, and why. */
        public Builder revision(BusinessDocType type, String why) {
            this.businessDocType = type;
            this.reason = why;
            return this;
        }

        /** Why the document is sent ({@code BussinessDocReason}), for a new one. */
        public Builder reason(String why) {
            this.reason = why;
            return this;
        }

        /** Whether a paper original follows ({@code Paper}). */
        public Builder paper(boolean paperFollows) {
            this.paper = paperFollows;
            return this;
        }

        /** In a {@link BusinessDocType#REPLACE}: a document it replaces, and for which agencies (all when none given). */
        public Builder replaces(String replacedDocumentId, String... organIds) {
            replaces.put(replacedDocumentId, List.of(organIds));
            return this;
        }

        /** The clerk who sends it ({@code Bussiness/StaffInfo}). */
        public Builder staff(Staff clerk) {
            this.staff = clerk;
            return this;
        }

        public Builder attachment(Attachment attachment) {
            attachments.add(attachment);
            return this;
        }

        /**
         * @throws EdxmlInvalidException naming the field when one is missing or malformed, or
         *         when the result is not valid against {@code edxml-v1.xsd}
         */
        public EdxmlDocument build() {
            Organisation sender = required(from, "from", "the sending agency");
            EdxmlWriter.organId(sender.organId(), "from.organId");
            if (to.isEmpty()) {
                throw new EdxmlInvalidException("to", "required: at least one recipient");
            }
            Set<String> recipients = new HashSet<>();
            for (int i = 0; i < to.size(); i++) {
                String field = "to[" + (i + 1) + "]";
                if (!recipients.add(EdxmlWriter.organId(to.get(i).organId(), field + ".organId"))) {
                    throw new EdxmlInvalidException(field, to.get(i).organId() + " is already a recipient");
                }
            }
            String id = documentId(sender);
            for (int i = 0; i < responseFor.size(); i++) {
                EdxmlWriter.checkResponseFor(responseFor.get(i), "responseFor[" + (i + 1) + "]");
            }
            if (!replaces.isEmpty() && businessDocType != BusinessDocType.REPLACE) {
                throw new EdxmlInvalidException("replaces", "only a replacement (revision REPLACE) names documents it "
                        + "replaces; this is " + businessDocType);
            }
            replaces.forEach((replaced, organIds) -> {
                required(replaced, "replaces", "the replaced document's id");
                organIds.forEach(organId -> EdxmlWriter.organId(organId, "replaces(" + replaced + ").organIds"));
            });
            if (DossierEdxml.DOSSIER_APPLICATION_TYPE.equals(applicationType)) {
                throw new EdxmlInvalidException("applicationType", "'" + applicationType + "' marks dossier traffic, which "
                        + "must carry its dossier attachment: build a DossierEnvelope and convert it (toEdxml())");
            }
            List<String> contentIds = contentIds();

            Document document = EdxmlWriter.newDocument();
            Element envelope = EDXML.append(document.getDocumentElement(), "edXMLEnvelope");
            Element header = EDXML.append(envelope, "edXMLHeader");
            messageHeader(EDXML.append(header, "MessageHeader"), sender, id);
            traces(EDXML.append(header, "TraceHeaderList"), sender);
            attachments(document, envelope, contentIds);
            EdxmlWriter.validate(document);
            return new EdxmlDocument(id, document);
        }

        private String documentId(Organisation sender) {
            if (documentId != null) {
                if (documentId.isBlank() || documentId.length() > 2000) {
                    throw new EdxmlInvalidException("documentId", "1–2000 characters, not blank");
                }
                return documentId.strip();
            }
            if (codeNumber == null || codeNotation == null || promulgationDate == null) {
                throw new EdxmlInvalidException("documentId", "required: give it, or give code(number, notation) and "
                        + "promulgation(place, date) to derive {sender},{yyyy/MM/dd},{number}/{notation}");
            }
            return sender.organId() + "," + EdxmlWriter.date(promulgationDate) + "," + codeNumber + "/" + codeNotation;
        }

        /** The content ids in attachment order: as given, else cid:1, cid:2, …, never two alike. */
        private List<String> contentIds() {
            List<String> ids = new ArrayList<>();
            Set<String> given = new HashSet<>();
            attachments.stream().map(Attachment::contentId).filter(Objects::nonNull).forEach(given::add);
            int next = 1;
            for (int i = 0; i < attachments.size(); i++) {
                String id = attachments.get(i).contentId();
                if (id == null) {
                    while (given.contains("cid:" + next)) {
                        next++;
                    }
                    id = "cid:" + next++;
                } else if (id.isBlank() || ids.contains(id)) {
                    throw new EdxmlInvalidException("attachment[" + (i + 1) + "].contentId",
                            id.isBlank() ? "blank" : "'" + id + "' is already another attachment's content id");
                }
                if (attachments.get(i).name().isBlank()) {
                    throw new EdxmlInvalidException("attachment[" + (i + 1) + "].name", "required: the attachment's file name");
                }
                ids.add(id);
            }
            return ids;
        }

        private void messageHeader(Element message, Organisation sender, String id) {
            EdxmlWriter.organ(message, "From", sender);
            to.forEach(recipient -> EdxmlWriter.organ(message, "To", recipient));
            EDXML.append(message, "DocumentId", id);
            if (codeNumber != null || codeNotation != null) {
                Element code = EDXML.append(message, "Code");
                optional(code, "CodeNumber", codeNumber);
                optional(code, "CodeNotation", codeNotation);
            }
            if (place != null || promulgationDate != null) {
                Element promulgation = EDXML.append(message, "PromulgationInfo");
                optional(promulgation, "Place", place);
                optional(promulgation, "PromulgationDate", promulgationDate == null ? null : EdxmlWriter.date(promulgationDate));
            }
            if (type != null || typeName != null) {
                Element documentType = EDXML.append(message, "DocumentType");
                optional(documentType, "Type", type);
                optional(documentType, "TypeDetail", typeDetail);
                optional(documentType, "TypeName", typeName);
            }
            optional(message, "Subject", subject);
            optional(message, "Content", content != null ? content : subject);
            if (signer != null) {
                Element signerInfo = EDXML.append(message, "SignerInfo");
                optional(signerInfo, "Competence", signer.competence());
                optional(signerInfo, "Position", signer.position());
                EDXML.append(signerInfo, "FullName", signer.fullName());
            }
            optional(message, "DueDate", dueDate == null ? null : EdxmlWriter.date(dueDate));
            if (!toPlaces.isEmpty()) {
                Element places = EDXML.append(message, "ToPlaces");
                toPlaces.forEach(p -> EDXML.append(places, "Place", p));
            }
            if (!otherInfo.isEmpty() || !appendixes.isEmpty()) {
                Element other = EDXML.append(message, "OtherInfo");
                for (String name : List.of("Priority", "SphereOfPromulgation", "TyperNotation", "PromulgationAmount",
                        "PageAmount", "Direction")) {
                    optional(other, name, otherInfo.get(name));
                }
                if (!appendixes.isEmpty()) {
                    Element list = EDXML.append(other, "Appendixes");
                    appendixes.forEach(a -> EDXML.append(list, "Appendix", a));
                }
            }
            responseFor.forEach(answered -> EdxmlWriter.responseFor(message, answered));
            optional(message, "SteeringType", steering == null ? null : steering.code());
            optional(message, "ApplicationType", applicationType);
        }

        private void traces(Element traceList, Organisation sender) {
            Element hop = EDXML.append(traceList, "TraceHeader");
            EDXML.append(hop, "OrganId", sender.organId());
            EDXML.append(hop, "Timestamp", EdxmlWriter.timestamp(sentAt != null ? sentAt : EdxmlWriter.now()));
            Element business = EDXML.append(traceList, "Bussiness");
            EDXML.append(business, "BussinessDocType", businessDocType.code());
            optional(business, "BussinessDocReason", reason);
            optional(business, "Paper", paper == null ? null : paper ? "1" : "0");
            if (!replaces.isEmpty()) {
                Element list = EDXML.append(business, "ReplacementInfoList");
                replaces.forEach((replaced, organIds) -> {
                    Element info = EDXML.append(list, "ReplacementInfo");
                    EDXML.append(info, "DocumentId", replaced);
                    if (!organIds.isEmpty()) {
                        Element organs = EDXML.append(info, "OrganIdList");
                        organIds.forEach(organId -> EDXML.append(organs, "OrganId", organId));
                    }
                });
            }
            EdxmlWriter.staff(business, staff);
        }

        private void attachments(Document document, Element envelope, List<String> contentIds) {
            Element manifest = EDXML.append(EDXML.append(envelope, "edXMLBody"), "edXMLManifest");
            manifest.setAttributeNS(null, "version", "1.0");
            if (attachments.isEmpty()) {
                return;
            }
            Element encoded = EDXML.append(document.getDocumentElement(), "AttachmentEncoded");
            for (int i = 0; i < attachments.size(); i++) {
                Attachment attachment = attachments.get(i);
                Element reference = EDXML.append(manifest, "Reference");
                EDXML.append(reference, "ContentId", contentIds.get(i));
                EDXML.append(reference, "ContentType", attachment.contentType());
                optional(reference, "Description", attachment.description());
                EDXML.append(reference, "AttachmentName", attachment.name());
                Element content = EDXML.append(encoded, "Attachment");
                EDXML.append(content, "ContentId", contentIds.get(i));
                EDXML.append(content, "AttachmentName", attachment.name());
                optional(content, "Description", attachment.description());
                EDXML.append(content, "ContentType", attachment.contentType());
                EDXML.append(content, "ContentTransferEncoded", attachment.base64());
            }
        }
    }
}
