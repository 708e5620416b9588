package vn.lienthong.rest;

import jakarta.ws.rs.GET;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.evidence.EvidenceBundle;
import vn.lienthong.core.tracking.DossierView;
import vn.lienthong.core.tracking.TrackingQueries;
import vn.lienthong.rest.slip.ControlSlipRenderer;

/** Dossiers: the hand-off timeline, the control slip, and the evidence bundle. */
@Path("/dossiers")
public class DossierResource {

    static final String PDF = "application/pdf";
    static final String ZIP = "application/zip";

    private final TrackingQueries tracking;
    private final ControlSlipRenderer slips;
    private final EvidenceBundle evidence;
    private final Clock clock;

    DossierResource(TrackingQueries tracking, ControlSlipRenderer slips, EvidenceBundle evidence, Clock clock) {
        this.tracking = tracking;
        this.slips = slips;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The dossier: status and its history, every hand-off with its step and result, apology slips owed. */
    @GET
    @Path("/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public DossierView dossier(@PathParam("code") String code, @Context SecurityContext security) {
        return tracking.dossier(CallerSecurityContext.callerOf(security), code);
    }

    /**
     * The control slip, printable: HTML by default, PDF when asked for with
     * {@code Accept: application/pdf} or {@code ?format=pdf}.
     */
    @GET
    @Path("/{code}/control-slip")
    @Produces({MediaType.TEXT_HTML + ";charset=UTF-8", PDF})
    public Response controlSlip(@PathParam("code") String code, @QueryParam("format") @Nullable String format,
                                @Context HttpHeaders headers, @Context SecurityContext security) {
        DossierView dossier = tracking.dossier(CallerSecurityContext.callerOf(security), code);
        if (wantsPdf(format, headers)) {
            StreamingOutput pdf = out -> slips.pdf(dossier, clock.instant(), out);
            return Response.ok(pdf, PDF)
                    .header("Content-Disposition", "inline; filename=\"control-slip-" + code + ".pdf\"").build();
        }
        return Response.ok(slips.html(dossier, clock.instant()), MediaType.TEXT_HTML + ";charset=UTF-8").build();
    }

    /** The evidence bundle: the signed ledger, the envelopes and receipts, checkable offline. */
    @GET
    @Path("/{code}/evidence")
    @Produces(ZIP)
    public Response evidence(@PathParam("code") String code, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        DossierView dossier = tracking.dossier(caller, code);
        byte[] slip = slips.html(dossier, clock.instant()).getBytes(StandardCharsets.UTF_8);
        StreamingOutput zip = out -> evidence.write(code, Map.of("control-slip.html", slip), out);
        return Response.ok(zip, ZIP)
                .header("Content-Disposition", "attachment; filename=\"evidence-" + code + ".zip\"").build();
    }

    private static boolean wantsPdf(@Nullable String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format) {
                case "pdf" -> true;
                case "html" -> false;
                default -> throw ErrorCode.REQUEST_INVALID
                        .exception("format must be html or pdf, not " + format).build();
            };
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.valueOf(PDF))
                && !accepted.get(0).isWildcardType();
    }
}
