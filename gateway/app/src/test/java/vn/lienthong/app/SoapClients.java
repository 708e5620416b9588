package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.MTOMFeature;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.jspecify.annotations.Nullable;
import vn.lienthong.soap.exchange.Exchange;
import vn.lienthong.soap.exchange.ExchangeService;
import vn.lienthong.soap.exchange.GatewayFault;
import vn.lienthong.soap.exchange.GatewayFaultDetail;

/** CXF JAX-WS clients of a test gateway's SOAP exchange, generated from the WSDL it serves. */
final class SoapClients {

    private SoapClients() {
    }

    static URI exchangeAddress(TestGateway gateway) {
        return URI.create(gateway.baseUri() + "/services/exchange");
    }

    /** A client with MTOM on, reading the WSDL from the gateway; {@code token} null sends no credentials. */
    static Exchange exchange(TestGateway gateway, @Nullable String token) {
        ExchangeService service;
        try {
            service = new ExchangeService(URI.create(exchangeAddress(gateway) + "?wsdl").toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        Exchange port = service.getExchangePort(new MTOMFeature());
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, exchangeAddress(gateway).toString());
        if (token != null) {
            context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("Authorization", List.of("Bearer " + token)));
        }
        return port;
    }

    /** Runs a call that must fail with a GatewayFault of this code, and returns the fault's detail. */
    static GatewayFaultDetail fault(String code, ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call should fail with %s", code).isInstanceOf(GatewayFault.class);
        GatewayFaultDetail detail = ((GatewayFault) thrown).getFaultInfo();
        assertThat(detail.getCode()).as(detail.getDetail()).isEqualTo(code);
        assertThat(detail.getStatus()).isBetween(400, 599);
        assertThat(detail.getTitle()).isNotBlank();
        assertThat(detail.getDetail()).isNotBlank();
        assertThat(thrown.getMessage()).startsWith(code + ": ");
        return detail;
    }
}
