package vn.lienthong.core.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to a dossier's evidence ledger. Each entry is one line of JSON that ends with the
 * hash of the line before it, so changing, removing or reordering any entry breaks every hash
 * after it; the gateway signs the last hash when it exports the ledger.
 *
 * <p>Callers append inside the transaction that records the fact, holding the dossier's row
 * lock, so a dossier's entries are numbered without gaps in the order they happened.
 */
public class EvidenceLedger {

    /** The "previous hash" of a dossier's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public EvidenceLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param fields the event's own keys, in the order they are written; null values are left out
     */
    public void append(String dossierCode, Instant at, LedgerEvent event, Map<String, ?> fields) {
        Map<String, Object> head = jdbc.sql("SELECT ledger_seq, ledger_head FROM dossier WHERE code = ?")
                .param(dossierCode)
                .query((rs, n) -> Map.<String, Object>of("seq", rs.getInt(1),
                        "head", rs.getString(2) == null ? GENESIS : rs.getString(2)))
                .single();
        int seq = (Integer) head.get("seq") + 1;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", seq);
        entry.put("dossier", dossierCode);
        entry.put("at", DateTimeFormatter.ISO_INSTANT.format(at));
        entry.put("event", event.name());
        fields.forEach((key, value) -> {
            if (value != null) {
                entry.put(key, value);
            }
        });
        entry.put("prev", head.get("head"));
        String line = JSON.writeValueAsString(entry);
        String hash = sha256Hex(line);
        jdbc.sql("INSERT INTO ledger_entry (dossier_code, seq, entry, sha256) VALUES (?, ?, ?, ?)")
                .params(dossierCode, seq, line, hash)
                .update();
        jdbc.sql("UPDATE dossier SET ledger_seq = ?, ledger_head = ? WHERE code = ?")
                .params(seq, hash, dossierCode)
                .update();
    }

    /** The dossier's entries, oldest first, exactly as written. */
    public List<String> entries(String dossierCode) {
        return jdbc.sql("SELECT entry FROM ledger_entry WHERE dossier_code = ? ORDER BY seq")
                .param(dossierCode)
                .query(String.class)
                .list();
    }

    public static String sha256Hex(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
