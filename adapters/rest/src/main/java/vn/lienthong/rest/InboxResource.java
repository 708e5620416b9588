package vn.lienthong.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import vn.lienthong.core.delivery.Inbox;
import vn.lienthong.core.delivery.InboxEntry;
import vn.lienthong.core.envelope.EnvelopeArchive;
import vn.lienthong.core.envelope.EnvelopeBytes;

/** Pull delivery: the calling agency's inbox. */
@Path("/inbox")
public class InboxResource {

    /** The inbox listing. */
    public record Listing(List<InboxEntry> entries) {
    }

    private final Inbox inbox;
    private final String gateway;

    InboxResource(Inbox inbox, String gateway) {
        this.inbox = inbox;
        this.gateway = gateway;
    }

    /** Envelopes waiting for the caller, oldest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Listing list(@QueryParam("limit") @DefaultValue("100") int limit, @Context SecurityContext security) {
        return new Listing(inbox.list(CallerSecurityContext.callerOf(security), limit));
    }

    /** The envelope's signed bytes exactly as the sender submitted them. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_XML)
    public Response fetch(@PathParam("id") String id, @Context SecurityContext security) {
        Inbox.Fetched fetched = inbox.fetch(CallerSecurityContext.callerOf(security), id);
        EnvelopeArchive.Archived envelope = fetched.envelope();
        StreamingOutput body = out -> {
            try (EnvelopeBytes content = fetched.content(); InputStream in = content.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body)
                .type(MediaType.APPLICATION_XML_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, envelope.size())
                .header(TransportHeaders.ENVELOPE_ID, envelope.envelopeId())
                .header(TransportHeaders.SENDER, envelope.sender())
                .header(TransportHeaders.KIND, envelope.kind().xmlName())
                .header(TransportHeaders.DOSSIER_CODE, envelope.dossierCode())
                .header(TransportHeaders.FORMAT, envelope.format().code())
                .header(TransportHeaders.GATEWAY, gateway)
                .header(TransportHeaders.ACCEPTED_AT, envelope.acceptedAt().toString())
                .build();
    }

    /** Acknowledge: the caller has taken the envelope. Idempotent. */
    @POST
    @Path("/{id}/ack")
    @Produces(MediaType.APPLICATION_JSON)
    public Inbox.Acknowledgement acknowledge(@PathParam("id") String id, @Context SecurityContext security) {
        return inbox.acknowledge(CallerSecurityContext.callerOf(security), id);
    }
}
