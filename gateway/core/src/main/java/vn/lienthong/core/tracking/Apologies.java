package vn.lienthong.core.tracking;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.evidence.EvidenceLedger;
import vn.lienthong.core.evidence.LedgerEvent;

/**
 * Apology and new-date slips owed: when a dossier is late, the agency at fault owes the
 * applicant one, with the reason and a new date. The gateway records the debt; the agency
 * settles it by sending the new date (an envelope with a later PromisedReturnAt).
 */
public class Apologies {

    private final JdbcClient jdbc;
    private final EvidenceLedger ledger;

    public Apologies(JdbcClient jdbc, EvidenceLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** Records that the agency owes a slip for the dossier, once; the caller holds the dossier's lock. */
    public boolean owe(String dossierCode, String agency, String reason, Instant at) {
        int added = jdbc.sql("""
                        INSERT INTO apology (dossier_code, agency, reason, owed_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(dossierCode, agency, reason, at.atOffset(ZoneOffset.UTC))
                .update();
        if (added == 0) {
            return false;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("agency", agency);
        fields.put("reason", reason);
        ledger.append(dossierCode, at, LedgerEvent.APOLOGY_OWED, fields);
        return true;
    }

    /** The agency sent a new date: its owed slip, if any, counts as issued. */
    public void issue(String dossierCode, String agency, Instant newReturnAt, Instant at) {
        jdbc.sql("""
                        UPDATE apology SET issued_at = ?, new_return_at = ?
                        WHERE dossier_code = ? AND agency = ? AND issued_at IS NULL""")
                .params(at.atOffset(ZoneOffset.UTC), newReturnAt.atOffset(ZoneOffset.UTC), dossierCode, agency)
                .update();
    }
}
