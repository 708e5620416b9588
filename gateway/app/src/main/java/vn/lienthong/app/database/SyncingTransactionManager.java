package vn.lienthong.app.database;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Commits as Spring's JDBC transaction manager does, then forces the embedded database's file to
 * the disk before the caller goes on: an envelope acknowledged, a hand-off recorded, an agency
 * registered survive a power cut, as on PostgreSQL, whose commit flushes its log.
 */
final class SyncingTransactionManager extends JdbcTransactionManager {

    private final transient H2File file;

    SyncingTransactionManager(DataSource dataSource, H2File file) {
        super(dataSource);
        this.file = file;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        if (!status.isReadOnly()) {
            file.sync();
        }
    }
}
