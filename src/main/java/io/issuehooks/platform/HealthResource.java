package io.issuehooks.platform;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * For load balancers and scripts; needs no key. UP when the application is deployed and both its database and
 * its message broker (embedded or external) answer within two seconds.
 */
@Path("health")
public class HealthResource {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @Inject
    BrokerCheck broker;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean database = databaseAnswers();
        boolean messaging = broker.answers(TIMEOUT);
        if (!database || !messaging) {
            return Problem.response(503, !database && !messaging ? "Neither the database nor the message broker answers"
                    : !database ? "The database does not answer" : "The message broker does not answer");
        }
        return Response.ok("{\"status\":\"UP\"}").build();
    }

    private boolean databaseAnswers() {
        try (Connection c = db.getConnection()) {
            return c.isValid((int) TIMEOUT.toSeconds());
        } catch (SQLException e) {
            return false;
        }
    }
}
