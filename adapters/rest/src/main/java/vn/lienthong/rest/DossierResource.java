package vn.lienthong.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import vn.lienthong.core.tracking.DossierTimeline;
import vn.lienthong.core.tracking.TrackingQueries;

/** Dossiers and their hand-off timelines. */
@Path("/dossiers")
public class DossierResource {

    private final TrackingQueries tracking;

    DossierResource(TrackingQueries tracking) {
        this.tracking = tracking;
    }

    /** The dossier with every hand-off: who gave, who took, given at, taken at. */
    @GET
    @Path("/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public DossierTimeline timeline(@PathParam("code") String code, @Context SecurityContext security) {
        return tracking.timeline(CallerSecurityContext.callerOf(security), code);
    }
}
