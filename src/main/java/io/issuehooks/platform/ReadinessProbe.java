package io.issuehooks.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Reads {@link ServerReadiness}: each dependency asked once, within two seconds, and the warm-up gate read once. */
@ApplicationScoped
public class ReadinessProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    DatabaseCheck database;

    @Inject
    BrokerCheck broker;

    @Inject
    WarmUpGate warmUp;

    public ServerReadiness read() {
        return new ServerReadiness(database.answers(TIMEOUT), broker.answers(TIMEOUT), warmUp.held());
    }
}
