package vn.lienthong.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.portal.PortalIntake;

/**
 * Dossiers submitted on the national portal, handed in by the portal (or a poller of it) in
 * the portal's own fields; each becomes the dossier's first hand-off (docs/PORTAL.md).
 */
@Path("/portal/dossiers")
public class PortalResource {

    private final PortalIntake intake;

    PortalResource(PortalIntake intake) {
        this.intake = intake;
    }

    /** 202 with where the dossier went and the gateway's receipt; the same record again answers the same. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response handIn(@Nullable Map<String, Object> record, @Context SecurityContext security,
                           @Context UriInfo uri) {
        if (record == null || record.isEmpty()) {
            throw ErrorCode.REQUEST_INVALID.exception("send the portal's dossier record as JSON: {\"MaHoSo\": …}").build();
        }
        PortalIntake.HandedIn handedIn = intake.handIn(CallerSecurityContext.callerOf(security), record);
        return Response.accepted(handedIn)
                .location(uri.getBaseUriBuilder().path("dossiers").path(handedIn.dossierCode()).build())
                .build();
    }
}
