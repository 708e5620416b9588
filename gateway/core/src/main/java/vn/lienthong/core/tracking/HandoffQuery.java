package vn.lienthong.core.tracking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.error.ErrorCode;

/**
 * Which hand-offs to list, newest first, one page at a time.
 *
 * @param agency only hand-offs this agency gave or took
 * @param overdue true: only steps that went past their due time (open or done late);
 *        false: only those that did not
 * @param from only hand-offs given at or after this instant
 * @param to only hand-offs given before this instant
 * @param page zero-based page number
 */
public record HandoffQuery(@Nullable String agency, @Nullable HandoffState state, @Nullable Boolean overdue,
                           @Nullable Timeliness result, @Nullable String dossier, @Nullable Instant from,
                           @Nullable Instant to, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public HandoffQuery {
        if (page < 0) {
            throw ErrorCode.REQUEST_INVALID.exception("page must be 0 or more, not " + page).build();
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ErrorCode.REQUEST_INVALID.exception("size must be between 1 and " + MAX_SIZE + ", not " + size).build();
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ErrorCode.REQUEST_INVALID.exception("from must be before to").build();
        }
    }

    /** One page of hand-offs, and how many match in all. */
    public record Page(java.util.List<DossierView.Handoff> items, int page, int size, long total) {

        public Page {
            items = java.util.List.copyOf(items);
        }
    }
}
