package io.issuehooks.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * For load balancers and scripts; needs no key. UP when the application is deployed and {@link ServerReadiness}
 * has no problem; otherwise 503 with the problem as the detail.
 */
@Path("health")
public class HealthResource {

    @Inject
    ReadinessProbe probe;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        return probe.read().problem().map(why -> Problem.response(503, why))
                .orElseGet(() -> Response.ok("{\"status\":\"UP\"}").build());
    }
}
