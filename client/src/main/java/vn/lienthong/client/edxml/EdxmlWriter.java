package vn.lienthong.client.edxml;

import static vn.lienthong.client.edxml.DossierEdxml.EDXML_NAMESPACE;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.ContractSchema;

/** What the document and status builders share: the checks of their fields and the writing of the common parts. */
final class EdxmlWriter {

    static final Elements EDXML = new Elements(EDXML_NAMESPACE);

    /** edxml-v1.xsd's agency-code alphabet; the gateway checks its own configured pattern on top. */
    private static final Pattern ORGAN_ID = Pattern.compile("[A-Z0-9][A-Z0-9.]{0,34}");

    private static final ContractSchema SCHEMA = ContractSchema.load("edxml-v1.xsd");

    private EdxmlWriter() {
    }

    static <T> T required(@Nullable T value, String field, String what) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new EdxmlInvalidException(field, "required: " + what);
        }
        return value;
    }

    static String organId(@Nullable String organId, String field) {
        if (!ORGAN_ID.matcher(required(organId, field, "the agency's code")).matches()) {
            throw new EdxmlInvalidException(field, "'" + organId + "' is no agency code (OrganId): 1–35 of A-Z 0-9 and "
                    + "dots, starting with a letter or digit, such as 000.00.01.H53");
        }
        return organId;
    }

    /** edXML's time: Vietnam's wall clock, to the second. */
    static String timestamp(OffsetDateTime at) {
        return at.atZoneSameInstant(DossierEdxml.VIETNAM).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
                .format(Conversions.EDXML_TIMESTAMP);
    }

    static String date(LocalDate date) {
        return date.format(Conversions.EDXML_DATE);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(DossierEdxml.VIETNAM).truncatedTo(ChronoUnit.SECONDS);
    }

    static Document newDocument() {
        return Conversions.newDocument(EDXML, EDXML_NAMESPACE, "edXML");
    }

    static void organ(Element parent, String name, Organisation organ) {
        Element element = EDXML.append(parent, name);
        EDXML.append(element, "OrganId", organ.organId());
        optional(element, "OrganizationInCharge", organ.inCharge());
        optional(element, "OrganName", organ.name());
        optional(element, "OrganAdd", organ.address());
        optional(element, "Email", organ.email());
        optional(element, "Telephone", organ.telephone());
        optional(element, "Fax", organ.fax());
        optional(element, "Website", organ.website());
    }

    static void staff(Element parent, @Nullable Staff staff) {
        if (staff == null) {
            return;
        }
        Element element = EDXML.append(parent, "StaffInfo");
        optional(element, "Department", staff.department());
        EDXML.append(element, "Staff", staff.name());
        optional(element, "Email", staff.email());
        optional(element, "Mobile", staff.mobile());
    }

    static void responseFor(Element parent, ResponseFor answered) {
        Element element = EDXML.append(parent, "ResponseFor");
        EDXML.append(element, "OrganId", answered.organId());
        optional(element, "Code", answered.code());
        optional(element, "PromulgationDate", answered.promulgationDate() == null ? null : date(answered.promulgationDate()));
        EDXML.append(element, "DocumentId", answered.documentId());
    }

    static ResponseFor checkResponseFor(@Nullable ResponseFor answered, String field) {
        ResponseFor checked = required(answered, field, "the document answered");
        organId(checked.organId(), field + ".organId");
        required(checked.documentId(), field + ".documentId", "the answered document's DocumentId");
        return checked;
    }

    static void optional(Element parent, String name, @Nullable String text) {
        if (text != null) {
            EDXML.append(parent, name, text);
        }
    }

    /** The schema is the last word: a fault the field checks missed is refused here, before anyone signs it. */
    static void validate(Document document) {
        SCHEMA.violation(document).ifPresent(violation -> {
            throw new EdxmlInvalidException("schema", "the message is not valid edXML: " + violation);
        });
    }
}
