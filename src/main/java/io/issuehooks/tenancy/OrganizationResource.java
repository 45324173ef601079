package io.issuehooks.tenancy;

import io.issuehooks.platform.JsonRequest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.Set;

/** The platform operator creates organisations; each comes with its first admin key, shown this once. */
@Path("v1/organizations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    @Inject
    TenancyService tenancy;

    @POST
    public Response create(JsonRequest body, @Context UriInfo uri) {
        String name = body.allowOnly(Set.of("name")).requiredText("name", 200);
        TenancyService.NewOrganization created = tenancy.createOrganization(name);
        return Response.created(uri.getAbsolutePathBuilder().path(created.organization().id().toString()).build())
                .entity(Json.createObjectBuilder()
                        .add("organization", TenancyJson.organization(created.organization()))
                        .add("serviceAccount", TenancyJson.accountWithKey(created.admin()))
                        .build())
                .build();
    }
}
