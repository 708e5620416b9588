package vn.lienthong.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.delivery.DeadLetters;
import vn.lienthong.core.error.ErrorCode;

/** Dead letters for operators (list, inspect) and admins (replay, discard). */
@Path("/admin/dead-letters")
public class AdminDeadLetterResource {

    /** The dead-letter listing. */
    public record Listing(List<DeadLetters.DeadLetter> deadLetters) {
    }

    /** The result of a replay or discard. */
    public record Outcome(String action, int count) {
    }

    private final DeadLetters deadLetters;

    AdminDeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Listing list(@QueryParam("agency") @Nullable String agency, @Context SecurityContext security) {
        return new Listing(deadLetters.list(CallerSecurityContext.callerOf(security), agency));
    }

    @GET
    @Path("/{envelopeId}/{recipient}")
    @Produces(MediaType.APPLICATION_JSON)
    public DeadLetters.Detail get(@PathParam("envelopeId") String envelopeId, @PathParam("recipient") String recipient,
                                  @Context SecurityContext security) {
        return deadLetters.get(CallerSecurityContext.callerOf(security), envelopeId, recipient);
    }

    /** Delivers it again through the normal path, its attempts counted afresh. */
    @POST
    @Path("/{envelopeId}/{recipient}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome replay(@PathParam("envelopeId") String envelopeId, @PathParam("recipient") String recipient,
                          @Context SecurityContext security) {
        deadLetters.replay(CallerSecurityContext.callerOf(security), envelopeId, recipient);
        return new Outcome("replayed", 1);
    }

    /** Replays every dead letter of one agency. */
    @POST
    @Path("/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome replayAll(@QueryParam("agency") @Nullable String agency, @Context SecurityContext security) {
        if (agency == null || agency.isBlank()) {
            throw ErrorCode.REQUEST_INVALID.exception("name the agency: /admin/dead-letters/replay?agency=<code>").build();
        }
        return new Outcome("replayed", deadLetters.replayAll(CallerSecurityContext.callerOf(security), agency));
    }

    /** Gives up on it for good. */
    @DELETE
    @Path("/{envelopeId}/{recipient}")
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome discard(@PathParam("envelopeId") String envelopeId, @PathParam("recipient") String recipient,
                           @Context SecurityContext security) {
        deadLetters.discard(CallerSecurityContext.callerOf(security), envelopeId, recipient);
        return new Outcome("discarded", 1);
    }
}
