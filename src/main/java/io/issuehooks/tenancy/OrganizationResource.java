package io.issuehooks.tenancy;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.UUID;

/** The platform operator creates organisations; each comes with its first admin key, shown this once. */
@Path("v1/organizations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    @Inject
    TenancyService tenancy;

    @Inject
    TenancyRepository repository;

    @Inject
    Caller caller;

    /** The operator reads any organisation; an organisation's keys read their own. */
    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        UUID organizationId = Ids.path("organization", id);
        if (!caller.isOperator() && !organizationId.equals(caller.organizationId())) {
            throw ApiException.notFound("organization", id);
        }
        return repository.organization(organizationId).map(TenancyJson::organization)
                .orElseThrow(() -> ApiException.notFound("organization", id));
    }

    @POST
    public Response create(JsonRequest body, @Context UriInfo uri) {
        String name = body.allowOnly(Set.of("name")).requiredText("name", 200);
        TenancyService.NewOrganization created = tenancy.createOrganization(name);
        return Response.created(uri.getAbsolutePathBuilder().path(created.organization().id().toString()).build())
                .entity(JSON.createObjectBuilder()
                        .add("organization", TenancyJson.organization(created.organization()))
                        .add("serviceAccount", TenancyJson.accountWithKey(created.admin()))
                        .build())
                .build();
    }
}
