package vn.lienthong.core.edxml;

import static vn.lienthong.core.edxml.EdxmlElements.child;
import static vn.lienthong.core.edxml.EdxmlElements.children;
import static vn.lienthong.core.edxml.EdxmlElements.optionalChild;
import static vn.lienthong.core.edxml.EdxmlElements.optionalText;
import static vn.lienthong.core.edxml.EdxmlElements.textOf;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.EdxmlMessage.Attachment;
import vn.lienthong.core.edxml.EdxmlMessage.Organ;
import vn.lienthong.core.edxml.EdxmlMessage.ResponseFor;
import vn.lienthong.core.edxml.EdxmlMessage.Staff;
import vn.lienthong.core.edxml.EdxmlMessage.TraceHop;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.EnvelopeOutline;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * Reads an {@link EdxmlMessage} from a DOM that passed {@code edxml-v1.xsd}, so its structure
 * is known to be right here. A value the schema admits but that is no usable value (the 30th
 * of February, a status message answering an empty document id) is refused as a schema error
 * on its element, never a crash. Elements of other namespaces are ignored.
 */
public final class EdxmlReader {

    /** The namespace of QCVN 102:2016 edXML. */
    public static final String NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    /** The {@code ApplicationType} that marks lienthong dossier traffic (docs/EDXML.md). */
    public static final String DOSSIER_APPLICATION_TYPE = "lienthong-dossier";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** How a provincial hub writes dates; edxml-v1.xsd admits it beside the standard's form. */
    private static final DateTimeFormatter DAY_FIRST_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** @param document an edXML document that passed edxml-v1.xsd */
    public EdxmlMessage read(Document document) {
        Element root = document.getDocumentElement();
        if (!isEdxml(root)) {
            throw new IllegalArgumentException("not edXML: <" + root.getLocalName() + "> in namespace " + root.getNamespaceURI());
        }
        Element envelope = child(root, "edXMLEnvelope");
        Element header = child(envelope, "edXMLHeader");
        Element message = child(header, "MessageHeader");
        Element traceList = optionalChild(header, "TraceHeaderList");
        Element business = optionalChild(traceList, "Bussiness");
        Element code = optionalChild(message, "Code");
        boolean status = optionalChild(message, "StatusCode") != null;
        return new EdxmlMessage(
                status ? EdxmlMessage.Kind.STATUS : EdxmlMessage.Kind.DOCUMENT,
                organ(child(message, "From")),
                children(message, "To").stream().map(EdxmlReader::organ).toList(),
                optionalText(message, "DocumentId"),
                optionalText(code, "CodeNumber"),
                optionalText(code, "CodeNotation"),
                optionalText(message, "Subject"),
                date(optionalChild(message, "PromulgationInfo"), "PromulgationDate"),
                optionalText(message, "ApplicationType"),
                business == null ? BusinessDocType.NEW : BusinessDocType.ofCode(
                        Integer.parseInt(Objects.requireNonNull(optionalText(business, "BussinessDocType")))),
                optionalText(business, "DocumentId"),
                replacedDocumentIds(business),
                status ? statusResponseFor(child(message, "ResponseFor")) : documentResponseFor(message),
                optionalText(message, "StatusCode"),
                optionalText(message, "Description"),
                timestamp(message, "Timestamp"),
                staff(optionalChild(status ? message : business, "StaffInfo")),
                children(traceList, "TraceHeader").stream().map(EdxmlReader::traceHop).toList(),
                attachments(root, envelope));
    }

    /**
     * How a large edXML document is read as a stream ({@link EnvelopeOutline}): each
     * {@code AttachmentEncoded/Attachment/ContentTransferEncoded} is measured, not kept.
     * {@link EdxmlAttachments#check(Document, List)} checks what it measured, and
     * {@link EdxmlDossier#read(EnvelopeBytes, EdxmlMessage)} reads the dossier attachment.
     */
    public static EnvelopeOutline.Format outlineFormat(EnvelopeSchema edxmlSchema) {
        return new EnvelopeOutline.Format(NAMESPACE, "edXML", edxmlSchema,
                List.of("edXML", "AttachmentEncoded", "Attachment", "ContentTransferEncoded"));
    }

    /** True when {@code root} is an edXML document element: {@code edXML} in {@link #NAMESPACE}. */
    public static boolean isEdxml(Element root) {
        return "edXML".equals(root.getLocalName()) && NAMESPACE.equals(root.getNamespaceURI());
    }

    private static Organ organ(Element organ) {
        return new Organ(Objects.requireNonNull(optionalText(organ, "OrganId")), optionalText(organ, "OrganName"));
    }

    private static List<String> replacedDocumentIds(@Nullable Element business) {
        Set<String> ids = new LinkedHashSet<>();
        for (Element info : children(optionalChild(business, "ReplacementInfoList"), "ReplacementInfo")) {
            ids.add(Objects.requireNonNull(optionalText(info, "DocumentId")));
        }
        return List.copyOf(ids);
    }

    private static ResponseFor statusResponseFor(Element responseFor) {
        String organId = optionalText(responseFor, "OrganId");
        String documentId = optionalText(responseFor, "DocumentId");
        if (organId == null || documentId == null) {
            throw ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("a status message must name the document it answers: "
                            + "<ResponseFor> has an empty " + (organId == null ? "OrganId" : "DocumentId"))
                    .with("rule", "value").with("element", organId == null ? "OrganId" : "DocumentId")
                    .with("schema", "edxml-v1.xsd").build();
        }
        return new ResponseFor(organId, optionalText(responseFor, "Code"), documentId,
                date(responseFor, "PromulgationDate"));
    }

    private static @Nullable ResponseFor documentResponseFor(Element message) {
        for (Element responseFor : children(message, "ResponseFor")) {
            String organId = optionalText(responseFor, "OrganId");
            String documentId = optionalText(responseFor, "DocumentId");
            if (organId != null && documentId != null) {
                return new ResponseFor(organId, optionalText(responseFor, "Code"), documentId,
                        date(responseFor, "PromulgationDate"));
            }
        }
        return null;
    }

    private static @Nullable Staff staff(@Nullable Element staffInfo) {
        if (staffInfo == null) {
            return null;
        }
        Staff staff = new Staff(optionalText(staffInfo, "Department"), optionalText(staffInfo, "Staff"),
                optionalText(staffInfo, "Email"), optionalText(staffInfo, "Mobile"));
        return staff.equals(new Staff(null, null, null, null)) ? null : staff;
    }

    private static TraceHop traceHop(Element traceHeader) {
        return new TraceHop(Objects.requireNonNull(optionalText(traceHeader, "OrganId")), timestamp(traceHeader, "Timestamp"));
    }

    private static List<Attachment> attachments(Element root, Element envelope) {
        List<Element> references = children(optionalChild(optionalChild(envelope, "edXMLBody"), "edXMLManifest"), "Reference");
        List<Attachment> attachments = new ArrayList<>();
        for (Element attachment : children(optionalChild(root, "AttachmentEncoded"), "Attachment")) {
            String contentId = Objects.requireNonNull(optionalText(attachment, "ContentId"));
            Element reference = references.stream().filter(r -> contentId.equals(optionalText(r, "ContentId")))
                    .findFirst().orElse(null);
            attachments.add(new Attachment(contentId, Objects.requireNonNull(optionalText(attachment, "AttachmentName")),
                    firstNonNull(optionalText(attachment, "ContentType"), optionalText(reference, "ContentType")),
                    firstNonNull(optionalText(attachment, "Description"), optionalText(reference, "Description"))));
        }
        return attachments;
    }

    private static @Nullable String firstNonNull(@Nullable String first, @Nullable String second) {
        return first != null ? first : second;
    }

    private static @Nullable LocalDate date(@Nullable Element parent, String name) {
        return value(parent, name, text -> LocalDate.parse(text, text.indexOf('/') == 4 ? DATE : DAY_FIRST_DATE));
    }

    private static @Nullable LocalDateTime timestamp(Element parent, String name) {
        return value(parent, name, text -> LocalDateTime.parse(text, TIMESTAMP));
    }

    /** Converts the text of a child element, refusing what cannot be converted with the element named. */
    private static <T> @Nullable T value(@Nullable Element parent, String name, Function<String, T> conversion) {
        Element element = optionalChild(parent, name);
        String text = element == null ? null : textOf(element);
        if (text == null) {
            return null;
        }
        try {
            return conversion.apply(text);
        } catch (DateTimeException e) {
            throw invalidValue(name, text, e);
        }
    }

    private static GatewayException invalidValue(String name, String text, DateTimeException e) {
        return ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("<" + name + "> holds '" + text
                        + "', which is not a usable value: " + e.getMessage())
                .with("rule", "value").with("element", name).with("schema", "edxml-v1.xsd").build();
    }
}
