package vn.lienthong.core.groupcommit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes units of work from many threads (accepted envelopes, answered pushes) several to a
 * database transaction: a group commit. The commit is the dearest part of storing them: H2
 * rewrites and syncs the changed pages of every table touched, PostgreSQL flushes its log. A
 * submitter hands its write to one of a few writer threads and waits; a writer takes every
 * member waiting, up to a batch, and writes them in one transaction. Under load many members
 * share a commit; a lone one is written at once, alone.
 *
 * <p>Each member of a batch is written under its own savepoint: one that fails (a refusal, a
 * conflict) is undone alone and gets its own error while the others commit. When the
 * transaction itself fails (its commit, the connection) nothing of it is stored: if the
 * database cannot be reached every member gets that error, otherwise each is written again
 * alone, so only the one at fault is refused. Nobody is answered before the commit.
 *
 * <p>A member that no writer took within {@code maxWait} is withdrawn with nothing stored
 * ({@link Withdrawn}). A batch is written in {@code lockOrder} (a stable sort, so
 * members that compare equal keep their arrival order): concurrent batches then lock the rows
 * they share in the same order, and cannot deadlock on them.
 *
 * @param <T> what one member writes
 */
public final class GroupCommit<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final long IDLE_POLL_MILLIS = 200;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** One member's writes, run inside the shared transaction; false when there was nothing to write. */
    @FunctionalInterface
    public interface Write<T> {
        boolean write(T member);
    }

    /**
     * @param writers transactions open at once
     * @param batch most members in one transaction
     * @param maxWait longest a member waits for a writer
     */
    public record Limits(int writers, int batch, Duration maxWait) {
        public Limits {
            if (writers < 1 || batch < 1 || maxWait.isNegative()) {
                throw new IllegalArgumentException("writers and batch must be at least 1, wait not negative: " + this);
            }
        }
    }

    /** A member waiting for its write, with the observation it was submitted under. */
    private record Pending<T>(T member, @Nullable Observation observation, CompletableFuture<Boolean> outcome) {
    }

    private final BlockingQueue<Pending<T>> waiting = new LinkedBlockingQueue<>();
    private final Write<T> write;
    private final Comparator<Pending<T>> lockOrder;
    private final TransactionTemplate transactions;
    private final Limits limits;
    private final ObservationRegistry observations;
    private final DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean open = true;

    /**
     * @param name the metrics' prefix ({@code .batch.size}, {@code .waiting}) and the writer threads' name
     */
    public GroupCommit(String name, Write<T> write, Comparator<? super T> lockOrder, TransactionTemplate transactions,
                       Limits limits, ObservationRegistry observations, MeterRegistry meters) {
        this.write = write;
        this.lockOrder = Comparator.comparing(Pending::member, lockOrder);
        this.transactions = transactions;
        this.limits = limits;
        this.observations = observations;
        this.batchSizes = DistributionSummary.builder(name + ".batch.size")
                .description("Members written in one transaction").register(meters);
        Gauge.builder(name + ".waiting", waiting, BlockingQueue::size)
                .description("Members waiting for a writer").register(meters);
        for (int i = 1; i <= limits.writers(); i++) {
            Thread writer = new Thread(this::writeWhileOpen, name + "-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /**
     * Writes the member with whichever others are waiting, and returns once they are committed.
     *
     * @return what the member's write returned
     * @throws Withdrawn when no writer took it within the wait, or the gateway is stopping; or whatever its write threw
     */
    public boolean write(T member) {
        if (!open) {
            throw new Withdrawn("the gateway is stopping");
        }
        Pending<T> pending = new Pending<>(member, observations.getCurrentObservation(), new CompletableFuture<>());
        waiting.add(pending);
        try {
            return pending.outcome().get(limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            return withdrawOrAwait(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return withdrawOrAwait(pending);
        }
    }

    /** Stops taking members, lets the writers finish what waits, and withdraws whatever is left. */
    @Override
    public void close() {
        open = false;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Pending<T> left = waiting.poll(); left != null; left = waiting.poll()) {
            left.outcome().completeExceptionally(new Withdrawn("the gateway is stopping"));
        }
    }

    /** Past the wait: a member still waiting is withdrawn; one a writer took is seen through, as it may be committed. */
    private boolean withdrawOrAwait(Pending<T> pending) {
        if (waiting.remove(pending)) {
            throw new Withdrawn("no writer was free within " + limits.maxWait());
        }
        try {
            return pending.outcome().join();
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    private void writeWhileOpen() {
        List<Pending<T>> batch = new ArrayList<>(limits.batch());
        while (open || !waiting.isEmpty()) {
            try {
                Pending<T> first = waiting.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, limits.batch() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Never leave a submitter waiting, and keep the writer: a lost writer would slow every later member.
                log.error("a transaction of {} members failed unexpectedly", batch.size(), e);
                batch.forEach(pending -> pending.outcome().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<T>> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        batch.sort(lockOrder);
        List<Outcome> outcomes;
        try {
            outcomes = transactions.execute(status -> batch.stream()
                    .map(pending -> underSavepoint(status, pending)).toList());
        } catch (RuntimeException e) {
            if (unavailable(e)) {
                batch.forEach(pending -> pending.outcome().completeExceptionally(e));
            } else {
                log.warn("a transaction of {} members failed ({}); writing each alone", batch.size(), e.toString());
                batch.forEach(this::alone);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            outcomes.get(i).complete(batch.get(i).outcome());
        }
    }

    private void alone(Pending<T> pending) {
        try {
            pending.outcome().complete(Boolean.TRUE.equals(transactions.execute(status -> scoped(pending))));
        } catch (RuntimeException e) {
            pending.outcome().completeExceptionally(e);
        }
    }

    private Outcome underSavepoint(TransactionStatus status, Pending<T> pending) {
        Object savepoint = status.createSavepoint();
        try {
            boolean written = scoped(pending);
            status.releaseSavepoint(savepoint);
            return new Outcome(written, null);
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            return new Outcome(false, e);
        }
    }

    /** The member's write under the observation it was submitted in, so its spans and trace context stay its own. */
    private boolean scoped(Pending<T> pending) {
        if (pending.observation() == null) {
            return write.write(pending.member());
        }
        try (Observation.Scope scope = pending.observation().openScope()) {
            return write.write(pending.member());
        }
    }

    /** The database cannot be reached or is overloaded: writing each member alone would only wait longer. */
    public static boolean unavailable(RuntimeException e) {
        return e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException
                || e instanceof CannotCreateTransactionException;
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("the store failed", cause);
    }

    /** Nothing of the member was written, nor will be: it may be tried again. */
    public static final class Withdrawn extends RuntimeException {
        Withdrawn(String message) {
            super(message, null, false, false);
        }
    }

    /** How one member's write ended inside a batch, told to its submitter once the batch is committed. */
    private record Outcome(boolean written, @Nullable RuntimeException failure) {
        void complete(CompletableFuture<Boolean> outcome) {
            if (failure == null) {
                outcome.complete(written);
            } else {
                outcome.completeExceptionally(failure);
            }
        }
    }
}
