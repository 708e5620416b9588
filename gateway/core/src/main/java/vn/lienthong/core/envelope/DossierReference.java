package vn.lienthong.core.envelope;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The dossier an envelope belongs to, as the sender describes it.
 *
 * @param status the national dossier status (1–10) reported by a status envelope
 */
public record DossierReference(String code, String procedureCode, @Nullable String procedureName,
                               @Nullable OffsetDateTime receivedAt, @Nullable OffsetDateTime promisedReturnAt,
                               @Nullable Step step, @Nullable Integer status, @Nullable String note,
                               @Nullable Applicant applicant) {
}
