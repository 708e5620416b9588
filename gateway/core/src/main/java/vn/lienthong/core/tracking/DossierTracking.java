package vn.lienthong.core.tracking;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.envelope.DossierReference;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.Party;
import vn.lienthong.core.envelope.Step;

/**
 * Writes the hand-off ledger: the giving side when the gateway accepts an envelope that
 * moves a dossier, the taking side when the recipient takes it. Runs inside the caller's
 * transaction so the ledger never disagrees with the envelope and delivery records.
 */
public class DossierTracking {

    private final JdbcClient jdbc;

    public DossierTracking(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the dossier if new, and one hand-off row per recipient when the envelope moves the dossier. */
    public void recordGiven(Envelope envelope, Instant givenAt) {
        DossierReference dossier = envelope.dossier();
        jdbc.sql("""
                        INSERT INTO dossier (code, procedure_code, procedure_name, applicant_name, received_at,
                                             promised_return_at, first_seen_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(dossier.code(), dossier.procedureCode(), dossier.procedureName(),
                        dossier.applicant() == null ? null : dossier.applicant().name(),
                        dossier.receivedAt(), dossier.promisedReturnAt(), givenAt.atOffset(ZoneOffset.UTC))
                .update();
        if (!envelope.kind().movesDossier()) {
            return;
        }
        Step step = dossier.step();
        AllowedTime allowed = step == null ? null : step.allowedTime();
        for (Party taker : envelope.recipients()) {
            jdbc.sql("""
                            INSERT INTO handoff (dossier_code, envelope_id, kind, step_name, allowed_amount, allowed_unit,
                                                 giver, giver_officer, taker, taker_officer, given_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(dossier.code(), envelope.id(), envelope.kind().name(), step == null ? null : step.name(),
                            allowed == null ? null : allowed.amount(), allowed == null ? null : allowed.unit().name(),
                            envelope.sender().agency().value(), envelope.sender().officer(),
                            taker.agency().value(), taker.officer(), givenAt.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    /** Records when the taker took the dossier; the first time counts. */
    public void recordTaken(String envelopeId, String taker, Instant takenAt) {
        jdbc.sql("UPDATE handoff SET taken_at = ? WHERE envelope_id = ? AND taker = ? AND taken_at IS NULL")
                .params(takenAt.atOffset(ZoneOffset.UTC), envelopeId, taker)
                .update();
    }
}
