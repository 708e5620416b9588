package vn.lienthong.soap;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.interceptors.WebFaultOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;
import vn.lienthong.soap.exchange.FaultProperty;
import vn.lienthong.soap.exchange.GatewayFaultDetail;
import vn.lienthong.soap.exchange.ObjectFactory;

/**
 * Turns every failure of a SOAP call into the one fault of the contract, a
 * {@code GatewayFault} with the stable code of the error catalogue, the HTTP status the REST
 * API gives, the title, the detail and the problem's extra properties: the SOAP counterpart of
 * the REST adapter's problem documents. Refusals of the core keep their code; requests CXF
 * cannot read become REQUEST_INVALID; anything else is logged with an incident id, and only
 * that id is returned.
 */
final class GatewayFaults extends AbstractPhaseInterceptor<Message> {

    private static final int MAX_DETAIL = 500;
    private static final Logger log = LoggerFactory.getLogger(GatewayFaults.class);
    /** Security refusals go to their own logger, as over REST. */
    private static final Logger securityLog = LoggerFactory.getLogger("lienthong.security");
    private static final JAXBContext DETAIL_CONTEXT = detailContext();
    private static final ObjectFactory ELEMENTS = new ObjectFactory();

    GatewayFaults() {
        super(Phase.PRE_PROTOCOL);
        addAfter(WebFaultOutInterceptor.class.getName());
    }

    /** What a fault reports: the catalogue's code, this occurrence's detail, and the extra properties. */
    private record Refusal(ErrorCode code, String detail, Map<String, Object> properties) {

        static Refusal of(GatewayException refused) {
            return new Refusal(refused.code(), bounded(refused.detail()), refused.properties());
        }
    }

    @Override
    public void handleMessage(Message message) {
        Exception failure = message.getContent(Exception.class);
        Fault fault = failure instanceof Fault f ? f : new Fault(failure);
        Refusal refusal = refusal(fault, message);
        fault.setMessage(refusal.code().name() + ": " + refusal.detail());
        fault.setFaultCode(refusal.code().httpStatus() < 500 ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        fault.setDetail(detail(refusal));
        message.setContent(Exception.class, fault);
    }

    private static Refusal refusal(Fault fault, Message message) {
        GatewayException refused = gatewayException(fault);
        String operation = operation(message);
        if (refused != null) {
            Logger refusals = refused.code().category() == ErrorCode.Category.SECURITY ? securityLog : log;
            refusals.info("refused SOAP {}: {} {}", operation, refused.code(), bounded(refused.detail()));
            return Refusal.of(refused);
        }
        if (isClientFault(fault.getFaultCode())) {
            return new Refusal(ErrorCode.REQUEST_INVALID,
                    bounded("the SOAP request cannot be processed: " + fault.getMessage()), Map.of());
        }
        String incident = UUID.randomUUID().toString();
        log.error("incident {} on SOAP {}", incident, operation, fault);
        return new Refusal(ErrorCode.INTERNAL_ERROR, "the gateway failed; quote incident " + incident
                + " to its operators", Map.of("incident", incident));
    }

    private static @Nullable GatewayException gatewayException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GatewayException refused) {
                return refused;
            }
        }
        return null;
    }

    private static boolean isClientFault(@Nullable QName code) {
        return code != null && (code.getLocalPart().equalsIgnoreCase("client")
                || code.getLocalPart().equalsIgnoreCase("sender"));
    }

    private static String operation(Message message) {
        var operation = message.getExchange() == null ? null : message.getExchange().getBindingOperationInfo();
        return operation == null ? "(operation not yet known)" : operation.getName().getLocalPart();
    }

    /** Details may quote the caller's input; a bounded length keeps hostile input out of logs and answers. */
    private static String bounded(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    /** The {@code <detail>} of the fault: one GatewayFault element. */
    private static Element detail(Refusal refusal) {
        Element detail = DOMUtils.getEmptyDocument().createElement("detail");
        try {
            DETAIL_CONTEXT.createMarshaller().marshal(ELEMENTS.createGatewayFault(content(refusal)), detail);
        } catch (JAXBException e) {
            throw new IllegalStateException("the GatewayFault detail cannot be written", e);
        }
        return detail;
    }

    private static GatewayFaultDetail content(Refusal refusal) {
        GatewayFaultDetail content = new GatewayFaultDetail();
        content.setCode(refusal.code().name());
        content.setStatus(refusal.code().httpStatus());
        content.setTitle(refusal.code().title());
        content.setDetail(refusal.detail());
        for (Map.Entry<String, Object> property : refusal.properties().entrySet()) {
            FaultProperty element = new FaultProperty();
            element.setName(property.getKey());
            element.setValue(text(property.getValue()));
            content.getProperty().add(element);
        }
        return content;
    }

    /** A list (the recipients refused) reads as its values separated by spaces, as XML lists do. */
    private static String text(Object value) {
        return value instanceof Collection<?> values
                ? values.stream().map(String::valueOf).collect(Collectors.joining(" ")) : String.valueOf(value);
    }

    private static JAXBContext detailContext() {
        try {
            return JAXBContext.newInstance(GatewayFaultDetail.class, ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the GatewayFault binding cannot be loaded", e);
        }
    }
}
