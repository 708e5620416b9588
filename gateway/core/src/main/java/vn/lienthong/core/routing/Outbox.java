package vn.lienthong.core.routing;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.Party;

/**
 * The transactional outbox: one row per recipient, written in the same transaction that
 * stores the envelope, and removed by the relay only after the broker has the order. An
 * envelope is therefore routed if and only if it was accepted, whatever stops when.
 */
public class Outbox {

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void enqueue(Envelope envelope, Instant at) {
        for (Party recipient : envelope.recipients()) {
            jdbc.sql("INSERT INTO outbox (envelope_id, recipient, dossier_code, created_at) VALUES (?, ?, ?, ?)")
                    .params(envelope.id(), recipient.agency().value(), envelope.dossier().code(), at.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }

    public long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }
}
