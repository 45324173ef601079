package io.issuehooks.delivery.store;

import io.issuehooks.platform.ConfigValues;
import io.issuehooks.platform.Databases;
import io.issuehooks.platform.Times;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps the delivery log from growing for ever: every hour, finished deliveries (succeeded or failed) created more
 * than ISSUEHOOKS_DELIVERY_RETENTION ({@link #DEFAULT} unless set) ago go, with their attempts, and so do events no
 * delivery needs any more. Pending deliveries are never removed. Deletes in batches, each in its own short transaction.
 * Every server of a cluster runs the job; on PostgreSQL an advisory lock lets one of them do the work and the
 * others skip that hour (the deletes are harmless twice over, but not free).
 */
@Singleton
// Its timer must not fire while the first deployment is still creating the schema (see PendingFanOutSweeper).
@DependsOn("SchemaMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class RetentionJob {

    public static final String SETTING = "issuehooks.delivery.retention";
    public static final Duration DEFAULT = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());
    private static final int BATCH = 5_000;

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    /** Any number, the same on every server: the key of the advisory lock. */
    static final long LOCK = 0x1550_E400_0000_0001L;

    @Schedule(hour = "*", minute = "23", persistent = false)
    public void purge() {
        try (Connection lock = db.getConnection()) {
            boolean postgres = Databases.isPostgres(lock);
            if (postgres && !advisoryLock(lock, "pg_try_advisory_lock")) {
                LOG.fine("Retention skipped: another server is running it");
                return;
            }
            try {
                purgeNow();
            } finally {
                if (postgres) {
                    advisoryLock(lock, "pg_advisory_unlock");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Retention could not run", e);
        }
    }

    private static boolean advisoryLock(Connection c, String function) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + function + "(?)")) {
            s.setLong(1, LOCK);
            try (var rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The retention in effect now: read again at each run, so a changed system property counts from the next. */
    public static Duration retention(Config config) {
        return ConfigValues.duration(config, SETTING).orElse(DEFAULT);
    }

    private void purgeNow() {
        // The deployment's configuration, by its class loader rather than the timer thread's context class loader.
        Instant before = Times.now().minus(retention(ConfigProvider.getConfig(RetentionJob.class.getClassLoader())));
        purgeBefore(before);
    }

    /**
     * The scheduled run's work with an explicit cutoff: removes now the finished deliveries created before
     * {@code before}, then the events created before it that no delivery refers to. Reads no setting and takes no
     * advisory lock (a second purge at the same time only deletes nothing twice), so that a caller with a cutoff
     * of its own, such as RetentionIT, changes nothing the server shares.
     */
    public void purgeBefore(Instant before) {
        long deliveries = repeat("delete from delivery where id in (select id from delivery where created_at < ? "
                + "and status <> 'PENDING' limit " + BATCH + ")", before);
        long events = repeat("delete from issue_event where id in (select e.id from issue_event e where e.created_at < ? "
                + "and not exists (select 1 from delivery d where d.event_id = e.id) limit " + BATCH + ")", before);
        if (deliveries + events > 0) {
            LOG.info(() -> "Retention removed " + deliveries + " deliveries and " + events + " events older than " + before);
        }
    }

    private long repeat(String sql, Instant before) {
        long total = 0;
        int removed;
        do {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, Times.utc(before));
                removed = s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Retention could not delete old deliveries", e);
            }
            total += removed;
        } while (removed == BATCH);
        return total;
    }
}
