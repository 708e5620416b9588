package vn.lienthong.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import vn.lienthong.core.agency.AgencyAdministration;

/** The agency registry for operators (read) and admins (register and update). */
@Path("/admin/agencies")
public class AdminAgencyResource {

    /** The agency listing. */
    public record Listing(List<AgencyAdministration.AgencyView> agencies) {
    }

    private final AgencyAdministration administration;

    AdminAgencyResource(AgencyAdministration administration) {
        this.administration = administration;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Listing list(@Context SecurityContext security) {
        return new Listing(administration.list(CallerSecurityContext.callerOf(security)));
    }

    @GET
    @Path("/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public AgencyAdministration.AgencyView get(@PathParam("code") String code, @Context SecurityContext security) {
        return administration.get(CallerSecurityContext.callerOf(security), code);
    }

    /** Registers the agency, or replaces its settings, certificates and token; effective at once. */
    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AgencyAdministration.AgencyView register(@PathParam("code") String code, AgencyAdministration.Change change,
                                                   @Context SecurityContext security) {
        return administration.register(CallerSecurityContext.callerOf(security), code, change);
    }
}
