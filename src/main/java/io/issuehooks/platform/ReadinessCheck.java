package io.issuehooks.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness (/health/ready on the management interface): ready when the warm-up is over and
 * the database and the message broker answer, the same test as /api/health, with each part named in the answer. Liveness needs no
 * check of its own: a deployed application that answers HTTP is alive, and restarting a server because its
 * database is down would only add a restart to the outage.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    DatabaseCheck database;

    @Inject
    BrokerCheck broker;

    @Inject
    WarmUpGate warmUp;

    @Override
    public HealthCheckResponse call() {
        boolean db = database.answers(HealthResource.TIMEOUT);
        boolean jms = broker.answers(HealthResource.TIMEOUT);
        boolean warm = warmUp.held().isEmpty();
        return HealthCheckResponse.named("issuehooks").status(db && jms && warm)
                .withData("database", db ? "UP" : "DOWN").withData("broker", jms ? "UP" : "DOWN")
                .withData("warmUp", warm ? "DONE" : "IN PROGRESS").build();
    }
}
