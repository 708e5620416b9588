package vn.lienthong.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.tracking.HandoffQuery;
import vn.lienthong.core.tracking.HandoffState;
import vn.lienthong.core.tracking.TrackingQueries;

/** Hand-offs across dossiers, filtered and paged: what operators and agencies watch. */
@Path("/handoffs")
public class HandoffResource {

    private final TrackingQueries tracking;

    HandoffResource(TrackingQueries tracking) {
        this.tracking = tracking;
    }

    /**
     * Newest first. Agencies see the hand-offs of dossiers they took part in; operators see all.
     *
     * @param overdue true for steps that went past their due time, false for the others
     * @param from given at or after this instant (ISO-8601 with offset)
     * @param to given before this instant
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public HandoffQuery.Page list(@QueryParam("agency") @Nullable String agency,
                                  @QueryParam("state") @Nullable String state,
                                  @QueryParam("overdue") @Nullable String overdue,
                                  @QueryParam("result") @Nullable String result,
                                  @QueryParam("dossier") @Nullable String dossier,
                                  @QueryParam("from") @Nullable String from,
                                  @QueryParam("to") @Nullable String to,
                                  @QueryParam("page") @Nullable String page,
                                  @QueryParam("size") @Nullable String size,
                                  @Context SecurityContext security) {
        HandoffQuery query = new HandoffQuery(blankToNull(agency),
                parse("state", state, v -> Enum.valueOf(HandoffState.class, v), HandoffState.values()),
                parse("overdue", overdue, HandoffResource::bool, new String[] {"true", "false"}),
                parse("result", result, v -> Enum.valueOf(Timeliness.class, v), Timeliness.values()),
                blankToNull(dossier), instant("from", from), instant("to", to),
                number("page", page, 0), number("size", size, HandoffQuery.DEFAULT_SIZE));
        return tracking.handoffs(CallerSecurityContext.callerOf(security), query);
    }

    private static <T> @Nullable T parse(String name, @Nullable String value, Function<String, T> parser,
                                         Object[] allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw ErrorCode.REQUEST_INVALID.exception(name + " must be one of " + Arrays.toString(allowed) + ", not "
                    + value).build();
        }
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ErrorCode.REQUEST_INVALID.exception(name + " must be an ISO-8601 date-time with an offset, such as "
                    + "2026-03-02T08:00:00+07:00, not " + value).build();
        }
    }

    private static int number(String name, @Nullable String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ErrorCode.REQUEST_INVALID.exception(name + " must be a whole number, not " + value).build();
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
