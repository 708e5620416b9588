package vn.lienthong.core.tracking;

import static vn.lienthong.core.tracking.DossierTracking.instant;
import static vn.lienthong.core.tracking.DossierTracking.utc;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.ExpirableLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.core.calendar.CalendarSource;
import vn.lienthong.core.calendar.WorkingCalendar;
import vn.lienthong.core.evidence.EvidenceLedger;
import vn.lienthong.core.evidence.LedgerEvent;

/**
 * Marks steps and dossiers due soon and overdue, in working time. For each mark it publishes a
 * {@link DeadlineReached} event and counts it; an overdue mark also goes into the dossier's
 * evidence ledger, and an overdue dossier records that the agencies at fault owe an apology
 * and new-date slip.
 *
 * <p>Every gateway instance runs the watch on schedule, but a lock in the database lets only
 * one scan at a time; the others skip that round. A dossier waiting for supplementation is
 * left alone: its clock stands still.
 */
public class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final String LOCK_KEY = "deadline-watch";

    /** One round of the watch: whether this instance ran it, and how many marks it made. */
    public record Round(boolean ran, int dueSoon, int overdue) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CalendarSource calendars;
    private final EvidenceLedger ledger;
    private final Apologies apologies;
    private final ExpirableLockRegistry<DistributedLock> locks;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TrackingProperties properties;
    private final AtomicLong overdueSteps = new AtomicLong();
    private final AtomicLong overdueDossiers = new AtomicLong();
    private final MultiGauge handoffs;

    public DeadlineWatch(JdbcClient jdbc, TransactionTemplate transactions, CalendarSource calendars,
                         EvidenceLedger ledger, Apologies apologies, ExpirableLockRegistry<DistributedLock> locks,
                         ApplicationEventPublisher events, MeterRegistry meters, Clock clock,
                         TrackingProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.calendars = calendars;
        this.ledger = ledger;
        this.apologies = apologies;
        this.locks = locks;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        this.properties = properties;
        Gauge.builder("lienthong.overdue.steps", overdueSteps, AtomicLong::get)
                .description("Open steps past their due time").register(meters);
        Gauge.builder("lienthong.overdue.dossiers", overdueDossiers, AtomicLong::get)
                .description("Dossiers not yet closed and past their due time").register(meters);
        this.handoffs = MultiGauge.builder("lienthong.handoffs")
                .description("Open hand-offs by the agency holding them: in progress (on track), due soon, overdue")
                .register(meters);
    }

    /** One round: marks what became due soon or overdue since the last one, unless another instance is at it. */
    public Round run() {
        DistributedLock lock = locks.obtain(LOCK_KEY);
        boolean locked;
        try {
            locked = lock.tryLock(Duration.ZERO, properties.watchLockTtl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Round(false, 0, 0);
        }
        try {
            if (!locked) {
                return new Round(false, 0, 0);
            }
            try {
                return scan(clock.instant());
            } finally {
                lock.unlock();
            }
        } finally {
            countOpen();
        }
    }

    private Round scan(Instant now) {
        WorkingCalendar calendar = calendars.current();
        Instant soon = calendar.plusWorkingMinutes(now, properties.dueSoonWithin().toMinutes());
        int dueSoon = 0;
        int overdue = 0;
        List<DeadlineReached> reached = new ArrayList<>();
        for (Watched step : steps(soon)) {
            DeadlineState target = step.dueAt().isAfter(now) ? DeadlineState.DUE_SOON : DeadlineState.OVERDUE;
            if (target != step.state()) {
                DeadlineReached mark = transactions.execute(tx -> markStep(step, target, now));
                if (mark != null) {
                    reached.add(mark);
                }
            }
        }
        for (Watched dossier : dossiers(soon)) {
            DeadlineState target = dossier.lateReason() != null || !dossier.dueAt().isAfter(now)
                    ? DeadlineState.OVERDUE : DeadlineState.DUE_SOON;
            if (target != dossier.state()) {
                DeadlineReached mark = transactions.execute(tx -> markDossier(dossier, target, now));
                if (mark != null) {
                    reached.add(mark);
                }
            }
        }
        for (DeadlineReached mark : reached) {
            meters.counter("lienthong.deadline.marks", "scope", mark.scope().name().toLowerCase(),
                    "state", mark.state().name().toLowerCase()).increment();
            if (mark.state() == DeadlineState.OVERDUE) {
                overdue++;
                log.warn("{} of dossier {} held by {} is overdue: it was due {}", mark.scope() == DeadlineReached.Scope.STEP
                        ? "a step" : "the dossier", mark.dossierCode(), mark.agencies(), mark.dueAt());
            } else {
                dueSoon++;
            }
            events.publishEvent(mark);
        }
        return new Round(true, dueSoon, overdue);
    }

    /** A step (id set) or a dossier (id null) the watch may have to mark. */
    private record Watched(@Nullable Long id, String dossierCode, @Nullable String envelopeId, @Nullable String taker,
                           Instant dueAt, DeadlineState state, @Nullable String lateReason) {
    }

    private List<Watched> steps(Instant soon) {
        return jdbc.sql("""
                        SELECT h.id, h.dossier_code, h.envelope_id, h.taker, h.due_at, h.deadline_state
                        FROM handoff h JOIN dossier d ON d.code = h.dossier_code
                        WHERE h.state <> 'DONE' AND h.due_at <= ? AND h.deadline_state <> 'OVERDUE'
                          AND d.paused_since IS NULL
                        ORDER BY h.due_at""")
                .param(utc(soon))
                .query((rs, n) -> new Watched(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), DeadlineState.valueOf(rs.getString(6)), null))
                .list();
    }

    private List<Watched> dossiers(Instant soon) {
        return jdbc.sql("""
                        SELECT code, due_at, deadline_state, late_reason FROM dossier
                        WHERE closed_at IS NULL AND paused_since IS NULL AND deadline_state <> 'OVERDUE'
                          AND (due_at <= ? OR late_reason IS NOT NULL)
                        ORDER BY due_at""")
                .param(utc(soon))
                .query((rs, n) -> {
                    Instant due = instant(rs, 2);
                    return new Watched(null, rs.getString(1), null, null, due == null ? Instant.MIN : due,
                            DeadlineState.valueOf(rs.getString(3)), rs.getString(4));
                })
                .list();
    }

    private @Nullable DeadlineReached markStep(Watched step, DeadlineState target, Instant now) {
        lockDossier(step.dossierCode());
        int marked = jdbc.sql("UPDATE handoff SET deadline_state = ? WHERE id = ? AND state <> 'DONE' AND deadline_state = ?"
                        + " AND due_at = ?")
                .params(target.name(), step.id(), step.state().name(), utc(step.dueAt()))
                .update();
        if (marked == 0) {
            return null;
        }
        if (target == DeadlineState.OVERDUE) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("scope", DeadlineReached.Scope.STEP.name());
            fields.put("agency", step.taker());
            fields.put("envelope", step.envelopeId());
            fields.put("dueAt", step.dueAt().toString());
            ledger.append(step.dossierCode(), now, LedgerEvent.OVERDUE, fields);
        }
        return new DeadlineReached(DeadlineReached.Scope.STEP, target, step.dossierCode(), step.envelopeId(),
                List.of(step.taker()), step.dueAt(), now);
    }

    private @Nullable DeadlineReached markDossier(Watched dossier, DeadlineState target, Instant now) {
        lockDossier(dossier.dossierCode());
        int marked = jdbc.sql("UPDATE dossier SET deadline_state = ? WHERE code = ? AND deadline_state = ?"
                        + " AND closed_at IS NULL AND paused_since IS NULL")
                .params(target.name(), dossier.dossierCode(), dossier.state().name())
                .update();
        if (marked == 0) {
            return null;
        }
        List<String> atFault = dossier.lateReason() != null ? askedAgain(dossier.dossierCode())
                : atFault(dossier.dossierCode(), now);
        Instant dueAt = dossier.dueAt().equals(Instant.MIN) ? now : dossier.dueAt();
        if (target == DeadlineState.OVERDUE) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("scope", DeadlineReached.Scope.DOSSIER.name());
            fields.put("agency", atFault.isEmpty() ? "" : atFault.get(0));
            fields.put("dueAt", dueAt.toString());
            fields.put("reason", dossier.lateReason());
            ledger.append(dossier.dossierCode(), now, LedgerEvent.OVERDUE, fields);
            if (dossier.lateReason() == null) {
                String reason = "the dossier is past its promised return time " + dueAt;
                atFault.forEach(agency -> apologies.owe(dossier.dossierCode(), agency, reason, now));
            }
        }
        return new DeadlineReached(DeadlineReached.Scope.DOSSIER, target, dossier.dossierCode(), null, atFault, dueAt,
                now);
    }

    /** Who asked for papers a second time: the apology for that is already owed. */
    private List<String> askedAgain(String dossierCode) {
        return jdbc.sql("SELECT agency FROM apology WHERE dossier_code = ? AND reason = ? ORDER BY id")
                .params(dossierCode, DossierTracking.SECOND_SUPPLEMENTATION).query(String.class).list();
    }

    /**
     * Who is to blame for a late dossier: the holders of steps that are themselves overdue;
     * failing that, whoever holds it now; failing that, whoever had it last.
     */
    private List<String> atFault(String dossierCode, Instant now) {
        List<String> late = jdbc.sql("""
                        SELECT DISTINCT taker FROM handoff
                        WHERE dossier_code = ? AND state <> 'DONE' AND (deadline_state = 'OVERDUE' OR due_at <= ?)
                        ORDER BY taker""")
                .params(dossierCode, utc(now)).query(String.class).list();
        if (!late.isEmpty()) {
            return late;
        }
        List<String> holders = jdbc.sql("SELECT DISTINCT taker FROM handoff WHERE dossier_code = ? AND state <> 'DONE'"
                        + " ORDER BY taker")
                .param(dossierCode).query(String.class).list();
        if (!holders.isEmpty()) {
            return holders;
        }
        List<String> lastHolder = jdbc.sql("""
                        SELECT taker FROM handoff WHERE dossier_code = ? ORDER BY given_at DESC, id DESC
                        FETCH FIRST 1 ROWS ONLY""")
                .param(dossierCode).query(String.class).list();
        return !lastHolder.isEmpty() ? lastHolder : jdbc.sql("""
                        SELECT sender FROM envelope WHERE dossier_code = ? ORDER BY accept_seq DESC
                        FETCH FIRST 1 ROWS ONLY""")
                .param(dossierCode).query(String.class).list();
    }

    private void lockDossier(String code) {
        jdbc.sql("SELECT code FROM dossier WHERE code = ? FOR UPDATE").param(code).query(String.class).single();
    }

    /**
     * Refreshes the gauges after every round, on every instance: the counts come from the
     * database, not from what this instance marked, and a scrape reads them from memory.
     */
    private void countOpen() {
        overdueSteps.set(jdbc.sql("SELECT COUNT(*) FROM handoff WHERE state <> 'DONE' AND deadline_state = 'OVERDUE'")
                .query(Long.class).single());
        overdueDossiers.set(jdbc.sql("SELECT COUNT(*) FROM dossier WHERE closed_at IS NULL AND deadline_state = 'OVERDUE'")
                .query(Long.class).single());
        handoffs.register(jdbc.sql("""
                        SELECT taker, deadline_state, COUNT(*) FROM handoff WHERE state <> 'DONE'
                        GROUP BY taker, deadline_state""")
                .query((rs, n) -> MultiGauge.Row.of(Tags.of("agency", rs.getString(1),
                        "state", handoffState(DeadlineState.valueOf(rs.getString(2)))), rs.getLong(3)))
                .list(), true);
    }

    /** The tag of each deadline state: the three add up to every open hand-off of the agency. */
    private static String handoffState(DeadlineState state) {
        return switch (state) {
            case ON_TRACK -> "in_progress";
            case DUE_SOON -> "due_soon";
            case OVERDUE -> "overdue";
        };
    }
}
