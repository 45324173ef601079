package io.issuehooks.tenancy;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.platform.PageRequest;
import io.issuehooks.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.UUID;

@Path("v1/teams")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {

    @Inject
    TenancyService tenancy;

    @Inject
    TenancyRepository repository;

    @Inject
    Caller caller;

    @POST
    public Response create(JsonRequest body, @Context UriInfo uri) {
        Team team = tenancy.createTeam(body.allowOnly(Set.of("name")).requiredText("name", 200));
        return Response.created(uri.getAbsolutePathBuilder().path(team.id().toString()).build())
                .entity(TenancyJson.team(team)).build();
    }

    @GET
    public JsonObject list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.requireOrganizationKey();
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(repository.teams(caller.organizationId(), page), Team::createdAt, Team::id, TenancyJson::team);
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        caller.requireOrganizationKey();
        UUID teamId = Ids.path("team", id);
        return repository.team(caller.organizationId(), teamId).map(TenancyJson::team)
                .orElseThrow(() -> ApiException.notFound("team", id));
    }
}
