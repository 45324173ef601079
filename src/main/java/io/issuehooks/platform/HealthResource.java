package io.issuehooks.platform;

import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** For load balancers and scripts; needs no key. UP when the application is deployed and its database answers. */
@Path("health")
public class HealthResource {

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        try (Connection c = db.getConnection()) {
            if (c.isValid(2)) {
                return Response.ok("{\"status\":\"UP\"}").build();
            }
        } catch (SQLException e) {
            // reported below, without the details
        }
        return Problem.response(503, "The database does not answer");
    }
}
