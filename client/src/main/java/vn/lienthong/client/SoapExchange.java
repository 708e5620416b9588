package vn.lienthong.client;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.xml.SecureXml;

/**
 * The gateway's SOAP exchange service ({@code /services/exchange}, schemas/wsdl/exchange-v1.wsdl)
 * spoken with the JDK alone: SOAP 1.1, the envelope sent as an MTOM attachment so that its
 * signed bytes travel untouched, answers read whether or not the gateway sends them as MTOM,
 * and a {@code GatewayFault} turned into the same {@link GatewayProblemException} as over REST.
 */
final class SoapExchange {

    static final String NAMESPACE = "urn:lienthong:exchange:v1";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String XOP = "http://www.w3.org/2004/08/xop/include";
    private static final String ROOT_ID = "root@lienthong.client";
    private static final String ENVELOPE_ID = "envelope@lienthong.client";

    private final SecureXml xml = new SecureXml();
    private final URI endpoint;

    SoapExchange(URI gateway) {
        this.endpoint = URI.create(gateway.toString().replaceAll("/+$", "") + "/services/exchange");
    }

    URI endpoint() {
        return endpoint;
    }

    /** A {@code SubmitEnvelope} request with the signed bytes as its one attachment. */
    HttpRequest.Builder submit(byte[] signedEnvelope) {
        Document request = SecureXml.newDocument();
        Element envelope = request.createElementNS(SOAP, "soap:Envelope");
        request.appendChild(envelope);
        Element body = (Element) envelope.appendChild(request.createElementNS(SOAP, "soap:Body"));
        Element submit = (Element) body.appendChild(request.createElementNS(NAMESPACE, "ex:SubmitEnvelope"));
        Element content = (Element) submit.appendChild(request.createElementNS(NAMESPACE, "ex:Envelope"));
        Element include = (Element) content.appendChild(request.createElementNS(XOP, "xop:Include"));
        include.setAttribute("href", "cid:" + ENVELOPE_ID);

        String boundary = "lienthong-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + ROOT_ID + ">\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] attachment = ("\r\n--" + boundary + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + ENVELOPE_ID + ">\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                        + "\"; start=\"<" + ROOT_ID + ">\"; start-info=\"text/xml\"")
                .header("SOAPAction", "\"" + NAMESPACE + ":SubmitEnvelope\"")
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(SecureXml.serialize(request)),
                        HttpRequest.BodyPublishers.ofByteArray(attachment),
                        HttpRequest.BodyPublishers.ofByteArray(signedEnvelope),
                        HttpRequest.BodyPublishers.ofByteArray(tail)));
    }

    /** The receipt and replay flag of a {@code SubmitEnvelopeResponse}; a fault as its problem. */
    GatewayClient.Submitted submitted(HttpResponse<byte[]> response) {
        Answer answer = answer(response);
        Element result = answer.result("SubmitEnvelopeResponse");
        return new GatewayClient.Submitted(answer.binary(child(result, "Receipt")),
                Boolean.parseBoolean(child(result, "Replayed").getTextContent().strip()));
    }

    /** The problem a failed exchange stands for; {@code response} is any answer with a status of 400 or more. */
    GatewayProblemException problem(HttpResponse<byte[]> response) {
        try {
            return answer(response).fault().orElseGet(() -> unreadable(response));
        } catch (RuntimeException notSoap) {
            return unreadable(response);
        }
    }

    private static GatewayProblemException unreadable(HttpResponse<byte[]> response) {
        return new GatewayProblemException(response.statusCode(), "UNKNOWN",
                new String(response.body(), StandardCharsets.UTF_8));
    }

    private Answer answer(HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        MimeMultipart parts = contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                ? MimeMultipart.parse(contentType, response.body()) : null;
        Document document = xml.parse(parts == null ? response.body() : parts.root());
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !SOAP.equals(root.getNamespaceURI())) {
            throw new IllegalArgumentException("the answer is not a SOAP 1.1 envelope");
        }
        return new Answer(firstElement(child(root, SOAP, "Body")), parts, response.statusCode());
    }

    /** The element inside the answer's Body, and the attachments it may refer to. */
    private record Answer(Element content, @Nullable MimeMultipart parts, int httpStatus) {

        Optional<GatewayProblemException> fault() {
            if (!"Fault".equals(content.getLocalName())) {
                return Optional.empty();
            }
            Element detail = optionalChild(content, null, "detail");
            Element fault = detail == null ? null : optionalChild(detail, NAMESPACE, "GatewayFault");
            if (fault == null) {
                Element faultString = optionalChild(content, null, "faultstring");
                String reason = faultString != null ? faultString.getTextContent().strip() : "SOAP fault without a GatewayFault";
                return Optional.of(new GatewayProblemException(httpStatus, "UNKNOWN", reason));
            }
            Duration retryAfter = null;
            for (Node node = fault.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element property && "Property".equals(property.getLocalName())
                        && "retryAfterSeconds".equals(property.getAttribute("name"))) {
                    retryAfter = Duration.ofSeconds(Long.parseLong(property.getTextContent().strip()));
                }
            }
            return Optional.of(new GatewayProblemException(
                    Integer.parseInt(child(fault, "Status").getTextContent().strip()),
                    child(fault, "Code").getTextContent().strip(), child(fault, "Detail").getTextContent().strip(),
                    retryAfter));
        }

        Element result(String name) {
            fault().ifPresent(problem -> {
                throw problem;
            });
            if (!name.equals(content.getLocalName()) || !NAMESPACE.equals(content.getNamespaceURI())) {
                throw new IllegalArgumentException("expected " + name + ", the answer holds " + content.getLocalName());
            }
            return content;
        }

        /** A base64Binary element's bytes, inline or from the attachment its xop:Include names. */
        byte[] binary(Element element) {
            Element include = optionalChild(element, XOP, "Include");
            if (include == null) {
                return Base64.getMimeDecoder().decode(element.getTextContent().strip());
            }
            String href = include.getAttribute("href");
            String id = URLDecoder.decode(href.startsWith("cid:") ? href.substring(4) : href, StandardCharsets.UTF_8);
            if (parts == null) {
                throw new IllegalArgumentException("the answer refers to attachment " + href + " but has none");
            }
            return parts.part(id).orElseThrow(() -> new IllegalArgumentException("the answer lacks attachment " + href));
        }
    }

    private static Element child(Element parent, String name) {
        return child(parent, NAMESPACE, name);
    }

    private static Element child(Element parent, String namespace, String name) {
        Element found = optionalChild(parent, namespace, name);
        if (found == null) {
            throw new IllegalArgumentException("<" + parent.getLocalName() + "> lacks <" + name + ">");
        }
        return found;
    }

    /** A child by local name, in {@code namespace} or, when null, in no namespace (SOAP 1.1 fault fields). */
    private static @Nullable Element optionalChild(Element parent, @Nullable String namespace, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())
                    && Objects.equals(namespace, element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        throw new IllegalArgumentException("the SOAP Body is empty");
    }
}
