package vn.lienthong.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import vn.lienthong.core.receipt.Receipt;
import vn.lienthong.core.submission.Submission;
import vn.lienthong.core.submission.SubmissionPort;
import vn.lienthong.core.tracking.EnvelopeStatus;
import vn.lienthong.core.tracking.TrackingQueries;

/** Submitting envelopes and following them. */
@Path("/envelopes")
public class EnvelopeResource {

    /** Set on a receipt returned again for an envelope the gateway had already accepted. */
    static final String REPLAYED = "Lienthong-Receipt-Replayed";

    private final SubmissionPort submissions;
    private final TrackingQueries tracking;

    EnvelopeResource(SubmissionPort submissions, TrackingQueries tracking) {
        this.submissions = submissions;
        this.tracking = tracking;
    }

    /** Submit a signed envelope; answers 202 with the gateway's signed receipt. */
    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces(MediaType.APPLICATION_XML)
    public Response submit(InputStream body, @Context SecurityContext security, @Context UriInfo uri,
                           @Context HttpHeaders headers) {
        Receipt receipt = submissions.submit(new Submission(CallerSecurityContext.callerOf(security), body,
                headers.getLength()));
        Response.ResponseBuilder response = Response.accepted(receipt.xml())
                .type(MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8"))
                .location(uri.getBaseUriBuilder().path("envelopes").path(receipt.envelopeId()).build());
        if (receipt.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    /** The envelope's state per recipient, for its sender and its recipients. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public EnvelopeStatus status(@PathParam("id") String id, @Context SecurityContext security) {
        return tracking.envelopeStatus(CallerSecurityContext.callerOf(security), id);
    }
}
