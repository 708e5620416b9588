package vn.lienthong.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.signature.PemCertificates;

/** The public contract, served without authentication: OpenAPI, XML schemas, the gateway's certificate. */
@Path("/")
public class ContractResource {

    /** The SOAP contracts too: agencies implementing AgencyReceiver for SOAP push take its WSDL from here. */
    private static final Set<String> SCHEMAS = Set.of("envelope-v1.xsd", "receipt-v1.xsd", "evidence-v1.xsd",
            "edxml-v1.xsd", "exchange-v1.wsdl", "exchange-v1.xsd", "agency-receiver-v1.wsdl", "agency-receiver-v1.xsd");

    private final GatewayIdentity identity;

    ContractResource(GatewayIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    @PermitAll
    public InputStream openApi() {
        return resource("lienthong-v1.yaml");
    }

    @GET
    @Path("schemas/{name}")
    @Produces("application/xml")
    @PermitAll
    public InputStream schema(@PathParam("name") String name) {
        if (!SCHEMAS.contains(name)) {
            throw ErrorCode.RESOURCE_NOT_FOUND.exception("no schema " + name + "; there are " + SCHEMAS).build();
        }
        return resource(name);
    }

    /** The certificate receipts are signed with, for verifying them offline. */
    @GET
    @Path("gateway/certificate")
    @Produces("application/x-pem-file")
    @PermitAll
    public Response certificate() {
        return Response.ok(PemCertificates.toPem(identity.certificate())).build();
    }

    private static InputStream resource(String name) {
        InputStream in = ContractResource.class.getClassLoader().getResourceAsStream("lienthong/schemas/" + name);
        if (in == null) {
            throw new IllegalStateException("contract file " + name + " missing from the class path");
        }
        return in;
    }
}
