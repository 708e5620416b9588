package vn.lienthong.core.envelope;

import java.net.URI;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * Reads an {@link Envelope} from a DOM that has already passed schema validation, so the
 * structure is known to be right here. A value the schema admits but Java cannot represent
 * (a URI with spaces, say) is refused as a schema error on its element, never a crash.
 */
public final class EnvelopeReader {

    /** Namespace of envelope version 1. */
    public static final String NAMESPACE = "urn:lienthong:envelope:v1";

    public Envelope read(Document document) {
        Element root = document.getDocumentElement();
        Element header = child(root, "Header");
        Element dossier = child(root, "Dossier");
        Element components = optionalChild(root, "Components");
        DossierReference reference = dossier(dossier);
        return new Envelope(
                text(header, "EnvelopeId"),
                EnvelopeFormat.LIENTHONG,
                value(header, "CreatedAt", OffsetDateTime::parse),
                EnvelopeKind.fromXml(text(header, "Kind")),
                party(child(header, "From")),
                children(header, "To").stream().map(EnvelopeReader::party).toList(),
                optionalText(header, "InReplyTo"),
                optionalText(header, "Subject"),
                reference,
                components == null ? List.of() : children(components, "Component").stream().map(EnvelopeReader::component).toList(),
                reference.code());
    }

    /**
     * Reads a {@code Dossier} element that passed envelope-v1.xsd: an envelope's, or a
     * {@code DossierTransfer}'s when a dossier travels inside edXML (docs/EDXML.md).
     */
    public DossierReference dossier(Element dossier) {
        Element step = optionalChild(dossier, "Step");
        Element applicant = optionalChild(dossier, "Applicant");
        String status = optionalText(dossier, "Status");
        return new DossierReference(
                text(dossier, "Code"),
                text(dossier, "ProcedureCode"),
                optionalText(dossier, "ProcedureName"),
                optionalTime(dossier, "ReceivedAt"),
                optionalTime(dossier, "PromisedReturnAt"),
                step == null ? null : step(step),
                status == null ? null : value(dossier, "Status", Integer::valueOf),
                optionalText(dossier, "Note"),
                applicant == null ? null : applicant(applicant));
    }

    private static Step step(Element step) {
        Element allowed = optionalChild(step, "AllowedTime");
        return new Step(text(step, "Name"), allowed == null ? null : value(step, "AllowedTime",
                amount -> new AllowedTime(Integer.parseInt(amount), AllowedTime.Unit.fromXml(allowed.getAttribute("unit").strip()))));
    }

    private static Applicant applicant(Element applicant) {
        return new Applicant(text(applicant, "Name"), optionalText(applicant, "IdentityNumber"),
                optionalText(applicant, "Address"), optionalText(applicant, "Phone"), optionalText(applicant, "Email"));
    }

    private static Component component(Element component) {
        String reference = optionalText(component, "ContentReference");
        return new Component(text(component, "Name"), text(component, "MediaType"),
                value(component, "Size", Long::parseLong), text(component, "Sha256"),
                reference == null ? null : value(component, "ContentReference", URI::create));
    }

    private static Party party(Element party) {
        String officer = party.getAttribute("officer");
        return new Party(AgencyCode.of(party.getTextContent().strip()), officer.isEmpty() ? null : officer);
    }

    /** The refusal of a document whose root is not a version 1 envelope. */
    public static GatewayException notAnEnvelope(String localName, @Nullable String namespace) {
        return ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("expected <Envelope xmlns=\"" + NAMESPACE + "\"> or an edXML"
                        + " document <edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">, found <" + localName
                        + "> in namespace " + namespace)
                .with("rule", "root-element").with("line", 1).build();
    }

    static Element child(Element parent, String name) {
        Element child = optionalChild(parent, name);
        if (child == null) {
            throw new IllegalStateException("validated envelope lacks <" + name + ">");
        }
        return child;
    }

    static @Nullable Element optionalChild(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())
                    && NAMESPACE.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())
                    && NAMESPACE.equals(element.getNamespaceURI())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static @Nullable String optionalText(Element parent, String name) {
        Element child = optionalChild(parent, name);
        return child == null ? null : child.getTextContent().strip();
    }

    private static @Nullable OffsetDateTime optionalTime(Element parent, String name) {
        return optionalChild(parent, name) == null ? null : value(parent, name, OffsetDateTime::parse);
    }

    /** Converts the text of a child element, refusing what cannot be converted with the element named. */
    private static <T> T value(Element parent, String name, Function<String, T> conversion) {
        String text = text(parent, name);
        try {
            return conversion.apply(text);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw ErrorCode.ENVELOPE_SCHEMA_INVALID.exception("<" + name + "> holds '" + text
                            + "', which is not a usable value: " + e.getMessage())
                    .with("rule", "value").with("element", name).build();
        }
    }
}
