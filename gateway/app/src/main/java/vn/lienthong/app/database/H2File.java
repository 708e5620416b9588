package vn.lienthong.app.database;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The file of an embedded, file-backed H2 database, reached under its JDBC driver: H2 offers no
 * setting that syncs each commit, nor one that compacts the file while commits are written one
 * by one ({@code WRITE_DELAY=0}), so the gateway does both here.
 *
 * <p>With {@code WRITE_DELAY=0} a commit writes a new chunk of pages to the file before it
 * returns, but H2 leaves it to the operating system to put the chunk on the disk, and runs no
 * background writer: the one that rewrites the few live pages of old chunks so that their space
 * can be used again. The file then grew by about 185 KB per envelope without end
 * (docs/BENCHMARKS.md). {@link #sync()} forces the file to the disk after a commit;
 * {@link #compact()} rewrites what is still live in mostly superseded chunks.
 */
final class H2File {

    /**
     * How long a superseded chunk is kept before its space is used again. H2 keeps it 45 s by
     * default, for commits that may not have reached the disk yet; every transaction here is
     * synced before it returns, and the housekeeping syncs the rest each round, so a few seconds
     * suffice, and the file holds that much less of superseded chunks.
     */
    static final Duration RETENTION = Duration.ofSeconds(2);
    /** Compact while less than this share of the chunks' space is live, in percent. */
    static final int TARGET_LIVE_PERCENT = 80;
    /** Most live bytes rewritten per round: under load a round frees tens of times that. */
    static final int REWRITE_PER_ROUND = 4 * 1024 * 1024;

    private final MVStore store;
    private final Timer syncs;

    private H2File(MVStore store, MeterRegistry meters, Duration retention) {
        this.store = store;
        this.syncs = Timer.builder("lienthong.database.sync")
                .description("Forcing the embedded database's file to the disk after a commit").register(meters);
        Gauge.builder("lienthong.database.file.size", this, H2File::size)
                .description("Size of the embedded database's file").baseUnit("bytes").register(meters);
        Gauge.builder("lienthong.database.file.live", store,
                        s -> s.isClosed() ? 0 : s.getFileStore().getChunksFillRate() / 100.0)
                .description("Share of the embedded database's chunks still in use").register(meters);
        store.setRetentionTime((int) retention.toMillis());
    }

    /** The file behind the data source, when it is an embedded H2 database on disk; empty for anything else. */
    static Optional<H2File> of(DataSource dataSource, MeterRegistry meters) {
        return of(dataSource, meters, RETENTION);
    }

    static Optional<H2File> of(DataSource dataSource, MeterRegistry meters, Duration retention) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return Optional.empty();
            }
            Database database = session.getDatabase();
            return database.isPersistent()
                    ? Optional.of(new H2File(database.getStore().getMvStore(), meters, retention))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to tell which it is", e);
        }
    }

    /** Forces everything committed so far to the disk. */
    void sync() {
        long start = System.nanoTime();
        try {
            store.sync();
        } catch (MVStoreException e) {
            if (!store.isClosed()) {
                throw e;
            }
            // Closed while stopping: H2 synced the file as it closed it.
        }
        syncs.record(Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * One round of housekeeping: rewrites the live pages of the emptiest superseded chunks (the
     * next commit writes them), so that the chunks' space is used again, and syncs what was
     * committed outside a transaction. H2 skips the rewriting when commits hold the store for
     * more than a moment; the next round tries again.
     */
    void compact() {
        if (store.isClosed()) {
            return;
        }
        try {
            store.compact(TARGET_LIVE_PERCENT, REWRITE_PER_ROUND);
            sync();
        } catch (MVStoreException e) {
            if (!store.isClosed()) {
                throw e;
            }
        }
    }

    /** The file's size in bytes; zero once the database is closed. */
    long size() {
        return store.isClosed() ? 0 : store.getFileStore().size();
    }
}
