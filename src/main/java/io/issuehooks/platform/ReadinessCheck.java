package io.issuehooks.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness (/health/ready on the management interface): the same {@link ServerReadiness} as
 * /api/health, with each part named in the answer. Liveness needs no check of its own: a deployed application that
 * answers HTTP is alive, and restarting a server because its database is down would only add a restart to the
 * outage.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    ReadinessProbe probe;

    @Override
    public HealthCheckResponse call() {
        ServerReadiness r = probe.read();
        return HealthCheckResponse.named("issuehooks").status(r.ready())
                .withData("database", r.database() ? "UP" : "DOWN").withData("broker", r.broker() ? "UP" : "DOWN")
                .withData("warmUp", r.warmingUp().isEmpty() ? "DONE" : "IN PROGRESS").build();
    }
}
