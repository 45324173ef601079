package io.issuehooks.tenancy;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.platform.PageRequest;
import io.issuehooks.security.Caller;
import io.issuehooks.security.Role;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Organisation admins create service accounts (the key is shown once), list them, and revoke them. */
@Path("v1/service-accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ServiceAccountResource {

    @Inject
    TenancyService tenancy;

    @Inject
    TenancyRepository repository;

    @Inject
    Caller caller;

    @POST
    public Response create(JsonRequest body, @Context UriInfo uri) {
        body.allowOnly(Set.of("name", "role", "teamId"));
        String name = body.requiredText("name", 200);
        String roleName = body.requiredText("role", 20);
        Role role = Role.fromJson(roleName);
        if (role == null) {
            throw ApiException.invalid("role", "must be \"admin\" or \"member\"");
        }
        UUID teamId = body.optionalUuid("teamId").orElse(null);
        TenancyService.NewAccount created = tenancy.createServiceAccount(name, role, teamId);
        return Response.created(uri.getAbsolutePathBuilder().path(created.account().id().toString()).build())
                .entity(TenancyJson.accountWithKey(created)).build();
    }

    @GET
    public JsonObject list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.requireOrganizationAdmin();
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(repository.accounts(caller.organizationId(), page),
                ServiceAccount::createdAt, ServiceAccount::id, TenancyJson::account);
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        caller.requireOrganizationAdmin();
        return repository.account(caller.organizationId(), Ids.path("service account", id)).map(TenancyJson::account)
                .orElseThrow(() -> ApiException.notFound("service account", id));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        tenancy.revokeServiceAccount(Ids.path("service account", id));
        return Response.noContent().build();
    }
}
