package vn.lienthong.core.portal;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.agency.Agency;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.agency.AgencyRegistration;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.agency.DeliveryMode;
import vn.lienthong.core.agency.PushProtocol;
import vn.lienthong.core.envelope.EnvelopeReader;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.core.receipt.Receipt;
import vn.lienthong.core.submission.Submission;
import vn.lienthong.core.submission.SubmissionPort;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.xml.SecureXml;

/**
 * Dossiers submitted online on the national portal enter the gateway here. The portal's
 * dossier record becomes the dossier's first hand-off, from the portal to the agency the
 * procedure's route names (docs/PORTAL.md), signed by the gateway on the portal's behalf and
 * submitted through the same path as every envelope: checked, receipted, tracked, delivered.
 * The envelope is built only from the record, so handing the same record in again gives the
 * same bytes and is answered with the first receipt.
 */
public class PortalIntake {

    private static final DateTimeFormatter PORTAL_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Seconds always written, as the envelope schema wants. */
    private static final DateTimeFormatter ENVELOPE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final String NS = EnvelopeReader.NAMESPACE;

    /** What a hand-in gave: the envelope, the dossier, where it went, and the signed receipt. */
    public record HandedIn(String envelopeId, String dossierCode, String handlingAgency, boolean replayed,
                           byte[] receipt) {
    }

    private final PortalInboundProperties properties;
    private final AgencyRegistry agencies;
    private final GatewayIdentity identity;
    private final SubmissionPort submissions;
    private final ZoneId zone;

    public PortalIntake(PortalInboundProperties properties, AgencyRegistry agencies, GatewayIdentity identity,
                        SubmissionPort submissions, ZoneId zone) {
        this.properties = properties;
        this.agencies = agencies;
        this.identity = identity;
        this.submissions = submissions;
        this.zone = zone;
    }

    /** Hands in one dossier record in the portal's fields ({@code MaHoSo}, {@code MaTTHC}, …). */
    public HandedIn handIn(Caller caller, Map<String, Object> record) {
        caller.requireAdmin("hand in dossiers from the national portal");
        String code = required(record, "MaHoSo");
        String procedure = required(record, "MaTTHC");
        PortalInboundProperties.Route route = properties.procedures().get(procedure);
        if (route == null) {
            throw ErrorCode.PORTAL_PROCEDURE_UNKNOWN.exception("no route for procedure " + procedure
                            + ": add lienthong.portal.inbound.procedures[" + procedure + "].handling-agency")
                    .with("procedure", procedure).build();
        }
        OffsetDateTime received = time(record, "NgayTiepNhan", true);
        OffsetDateTime promised = time(record, "NgayHenTra", false);
        AgencyCode portal = registerPortal();
        byte[] envelope = envelope(record, code, procedure, route, portal, received, promised);
        Receipt receipt = submissions.submit(new Submission(Caller.agency(portal), new ByteArrayInputStream(envelope),
                envelope.length));
        return new HandedIn(receipt.envelopeId(), code, route.handlingAgency(), receipt.replayed(), receipt.xml());
    }

    /** The portal is an agency of the gateway that signs with the gateway's key; kept so as the key rotates. */
    private AgencyCode registerPortal() {
        AgencyCode code = AgencyCode.of(properties.agencyCode());
        X509Certificate certificate = identity.certificate();
        String fingerprint = PemCertificates.fingerprint(certificate);
        Agency known = agencies.find(code).orElse(null);
        if (known == null || !known.signsWith(fingerprint)) {
            agencies.register(new AgencyRegistration(code, properties.agencyName(), DeliveryMode.PULL, null,
                    PushProtocol.REST, List.of(certificate), List.of(), null, false, null));
        }
        return code;
    }

    private byte[] envelope(Map<String, Object> record, String code, String procedure,
                            PortalInboundProperties.Route route, AgencyCode portal, OffsetDateTime received,
                            @Nullable OffsetDateTime promised) {
        Document document = SecureXml.newDocument();
        Element root = document.createElementNS(NS, "Envelope");
        // Canonicalisation reads namespace declarations, not the DOM's namespace URIs: declare it.
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NS);
        document.appendChild(root);
        Element header = append(root, "Header", null);
        append(header, "EnvelopeId", "dvcqg-" + code);
        append(header, "CreatedAt", ENVELOPE_TIME.format(received));
        append(header, "Kind", "handoff");
        append(header, "From", portal.value());
        append(header, "To", route.handlingAgency());
        String summary = optional(record, "TrichYeuHoSo");
        append(header, "Subject", "Hồ sơ nộp trên Cổng Dịch vụ công quốc gia"
                + (summary == null ? "" : ": " + summary));
        Element dossier = append(root, "Dossier", null);
        append(dossier, "Code", code);
        append(dossier, "ProcedureCode", procedure);
        String name = optional(record, "TenTTHC");
        if (name != null) {
            append(dossier, "ProcedureName", name);
        }
        append(dossier, "ReceivedAt", ENVELOPE_TIME.format(received));
        if (promised != null) {
            append(dossier, "PromisedReturnAt", ENVELOPE_TIME.format(promised));
        }
        Element step = append(dossier, "Step", null);
        append(step, "Name", route.step());
        if (route.allowedWorkingDays() != null) {
            append(step, "AllowedTime", route.allowedWorkingDays().toString()).setAttribute("unit", "working-days");
        }
        Element applicant = append(dossier, "Applicant", null);
        append(applicant, "Name", required(record, "ChuHoSo"));
        for (String[] field : new String[][] {{"SoDienThoai", "Phone"}, {"Email", "Email"}}) {
            String value = optional(record, field[0]);
            if (value != null) {
                append(applicant, field[1], value);
            }
        }
        identity.signer().sign(document);
        return SecureXml.serialize(document);
    }

    private OffsetDateTime time(Map<String, Object> record, String field, boolean required) {
        String value = required ? required(record, field) : optional(record, field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, PORTAL_TIME).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ErrorCode.REQUEST_INVALID.exception(field + " must be yyyyMMddHHmmss (Vietnamese time), not " + value)
                    .with("field", field).build();
        }
    }

    private static String required(Map<String, Object> record, String field) {
        String value = optional(record, field);
        if (value == null) {
            throw ErrorCode.REQUEST_INVALID.exception("the portal dossier lacks " + field).with("field", field).build();
        }
        return value;
    }

    private static @Nullable String optional(Map<String, Object> record, String field) {
        Object value = record.get(field);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static Element append(Element parent, String name, @Nullable String text) {
        Element child = parent.getOwnerDocument().createElementNS(NS, name);
        if (text != null) {
            child.setTextContent(text);
        }
        parent.appendChild(child);
        return child;
    }
}
