package vn.lienthong.client.edxml;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The document a message answers ({@code ResponseFor}): the agency that sent it and its
 * {@code DocumentId}, with its code ({@code 7816/VPCP-TTĐT}) and promulgation date when known.
 * A status message goes back to {@link #organId()}, and the gateway links it to that document.
 */
public record ResponseFor(String organId, String documentId, @Nullable String code, @Nullable LocalDate promulgationDate) {

    public static ResponseFor document(String organId, String documentId) {
        return new ResponseFor(organId, documentId, null, null);
    }

    /** The answered document's number and notation as one text, such as {@code 7816/VPCP-TTĐT}. */
    public ResponseFor code(String documentCode) {
        return new ResponseFor(organId, documentId, documentCode, promulgationDate);
    }

    public ResponseFor promulgationDate(LocalDate date) {
        return new ResponseFor(organId, documentId, code, date);
    }
}
