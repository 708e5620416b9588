package vn.lienthong.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.portal.PortalDeadLetters;
import vn.lienthong.core.portal.PortalOutbox;

/**
 * The national portal's synchronisation for operators: the backlog, and the updates the
 * portal refused (list, inspect) for admins to replay, corrected or not, or discard.
 */
@Path("/admin/portal")
public class AdminPortalResource {

    /** The dead-letter listing. */
    public record Listing(List<PortalOutbox.DeadLetter> deadLetters) {
    }

    /** The result of a replay or discard. */
    public record Outcome(String action, long id) {
    }

    private final PortalDeadLetters deadLetters;
    private final PortalOutbox outbox;

    AdminPortalResource(PortalDeadLetters deadLetters, PortalOutbox outbox) {
        this.deadLetters = deadLetters;
        this.outbox = outbox;
    }

    /** Updates waiting, dead letters, and since when the oldest waits. */
    @GET
    @Path("/backlog")
    @Produces(MediaType.APPLICATION_JSON)
    public PortalOutbox.Backlog backlog(@Context SecurityContext security) {
        CallerSecurityContext.callerOf(security).requireOperator("read the portal backlog");
        return outbox.backlog();
    }

    @GET
    @Path("/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    public Listing list(@Context SecurityContext security) {
        return new Listing(deadLetters.list(CallerSecurityContext.callerOf(security)));
    }

    @GET
    @Path("/dead-letters/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public PortalOutbox.DeadLetter get(@PathParam("id") long id, @Context SecurityContext security) {
        return deadLetters.get(CallerSecurityContext.callerOf(security), id);
    }

    /**
     * Sends it again. With a JSON body, the body replaces the fields sent (the dead letter's
     * {@code payload}, corrected); without one, they go as they were.
     */
    @POST
    @Path("/dead-letters/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome replay(@PathParam("id") long id, @Nullable Map<String, Object> corrected,
                          @Context SecurityContext security) {
        deadLetters.replay(CallerSecurityContext.callerOf(security), id, corrected == null || corrected.isEmpty()
                ? null : corrected);
        return new Outcome("replayed", id);
    }

    @DELETE
    @Path("/dead-letters/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome discard(@PathParam("id") long id, @Context SecurityContext security) {
        deadLetters.discard(CallerSecurityContext.callerOf(security), id);
        return new Outcome("discarded", id);
    }
}
