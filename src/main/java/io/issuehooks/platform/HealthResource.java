package io.issuehooks.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * For load balancers and scripts; needs no key. UP when the application is deployed, has finished its warm-up
 * ({@link WarmUpGate}) and both its database and its message broker (embedded or external) answer within two
 * seconds.
 */
@Path("health")
public class HealthResource {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    DatabaseCheck database;

    @Inject
    BrokerCheck broker;

    @Inject
    WarmUpGate warmUp;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean db = database.answers(TIMEOUT);
        boolean messaging = broker.answers(TIMEOUT);
        if (!db || !messaging) {
            return Problem.response(503, !db && !messaging ? "Neither the database nor the message broker answers"
                    : !db ? "The database does not answer" : "The message broker does not answer");
        }
        // Read once: the gate may open between two reads.
        return warmUp.held().map(why -> Problem.response(503, why))
                .orElseGet(() -> Response.ok("{\"status\":\"UP\"}").build());
    }
}
