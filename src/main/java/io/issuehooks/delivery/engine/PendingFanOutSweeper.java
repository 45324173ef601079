package io.issuehooks.delivery.engine;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every ten seconds, fans out the operational events whose outcome committed but whose fan-out did not: the server
 * died between the two, or the broker or the database failed the fan-out. Every server of a cluster sweeps;
 * {@link PendingFanOutService#fanOut} lets only one of them fan an event out. Events younger than
 * {@link #GRACE} are left to the thread that raised them, which fans them out right after its commit.
 */
@Singleton
// Its timer would otherwise fire while the first deployment is still creating the schema (an ERROR with a stack trace
// in a new server's log: relation "pending_fan_out" does not exist).
@DependsOn("SchemaMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class PendingFanOutSweeper {

    static final Duration GRACE = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(PendingFanOutSweeper.class.getName());

    @Inject
    PendingFanOutService pending;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    public void sweep() {
        for (UUID id : pending.overdue(GRACE)) {
            try {
                if (pending.fanOut(id)) {
                    LOG.info(() -> "Fanned out operational event " + id + ", left pending since before the last "
                            + GRACE.toSeconds() + " seconds");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Operational event " + id + " could not be fanned out; trying again in ten seconds", e);
                return;
            }
        }
    }
}
