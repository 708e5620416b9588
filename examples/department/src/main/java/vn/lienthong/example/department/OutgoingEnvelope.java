package vn.lienthong.example.department;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import vn.lienthong.example.department.DepartmentProperties.Step;

/**
 * An envelope the department sends, before it is signed: the fields of envelope-v1.xsd it
 * uses, in the schema's order.
 *
 * @param status the national status it reports, or null for what its kind implies
 */
public record OutgoingEnvelope(String envelopeId, Kind kind, String from, @Nullable String officer, String to,
                               String inReplyTo, String dossierCode, String procedureCode, @Nullable Step step,
                               @Nullable Integer status, @Nullable String note) {

    /** The kinds the department sends. */
    public enum Kind {
        HANDOFF("handoff"), STATUS("status"), RESULT("result");

        private final String xml;

        Kind(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    /** Vietnam's offset, so that the times read as the officers' own. */
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    /** The unsigned envelope, created now. */
    public byte[] toXml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(IncomingEnvelope.NAMESPACE);
            xml.writeStartElement(IncomingEnvelope.NAMESPACE, "Envelope");
            xml.writeDefaultNamespace(IncomingEnvelope.NAMESPACE);
            writeHeader(xml);
            writeDossier(xml);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write envelope " + envelopeId, e);
        }
        return out.toByteArray();
    }

    private void writeHeader(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeStartElement("Header");
        element(xml, "EnvelopeId", envelopeId);
        element(xml, "CreatedAt", OffsetDateTime.now(VIETNAM).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        element(xml, "Kind", kind.xml);
        xml.writeStartElement("From");
        if (officer != null) {
            xml.writeAttribute("officer", officer);
        }
        xml.writeCharacters(from);
        xml.writeEndElement();
        element(xml, "To", to);
        element(xml, "InReplyTo", inReplyTo);
        xml.writeEndElement();
    }

    private void writeDossier(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeStartElement("Dossier");
        element(xml, "Code", dossierCode);
        element(xml, "ProcedureCode", procedureCode);
        if (step != null) {
            xml.writeStartElement("Step");
            element(xml, "Name", step.name());
            xml.writeStartElement("AllowedTime");
            xml.writeAttribute("unit", step.unit().xml());
            xml.writeCharacters(Integer.toString(step.allowedTime()));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        if (status != null) {
            element(xml, "Status", status.toString());
        }
        if (note != null) {
            element(xml, "Note", note);
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
