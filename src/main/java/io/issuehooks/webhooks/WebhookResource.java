package io.issuehooks.webhooks;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.platform.JsonRequestReader;
import io.issuehooks.platform.PageRequest;
import io.issuehooks.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The webhooks API of the public documentation, at /api/v1/webhooks (and at /api/webhooks: {@link io.issuehooks.platform.UnversionedPaths}). */
@Path("v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @Inject
    WebhookRepository repository;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonRequest body, @Context UriInfo uri) {
        caller.requireOrganizationAdmin();
        WebhookService.WithSecret created = webhooks.create(WebhookInput.from(body));
        return Response.created(uri.getAbsolutePathBuilder().path(created.webhook().id().toString()).build())
                .entity(WebhookJson.withSecret(created)).build();
    }

    @GET
    public JsonObject list(@QueryParam("teamId") String teamId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        caller.requireOrganizationAdmin();
        UUID team = teamId == null ? null : JsonRequest.parseUuid("teamId", teamId);
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(repository.list(caller.organizationId(), team, page),
                Webhook::createdAt, Webhook::id, WebhookJson::webhook);
    }

    @GET
    @Path("event-types")
    public JsonObject eventTypes() {
        caller.requireOrganizationKey();
        JsonArrayBuilder types = JSON.createArrayBuilder();
        for (EventTypes.Listed type : EventTypes.all()) {
            types.add(JSON.createObjectBuilder().add("name", type.name()).add("description", type.description())
                    .add("group", type.group()));
        }
        return JSON.createObjectBuilder().add("data", types).build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        caller.requireOrganizationAdmin();
        return repository.find(caller.organizationId(), Ids.path("webhook", id)).map(WebhookJson::webhook)
                .orElseThrow(() -> ApiException.notFound("webhook", id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replace(@PathParam("id") String id, JsonRequest body) {
        caller.requireOrganizationAdmin();
        UUID webhookId = Ids.path("webhook", id);
        return WebhookJson.webhook(webhooks.replace(webhookId, WebhookInput.from(body)));
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonRequestReader.MERGE_PATCH, MediaType.APPLICATION_JSON})
    public JsonObject patch(@PathParam("id") String id, JsonRequest body) {
        caller.requireOrganizationAdmin();
        return WebhookJson.webhook(webhooks.patch(Ids.path("webhook", id), body));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        caller.requireOrganizationAdmin();
        webhooks.delete(Ids.path("webhook", id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/regenerate-secret")
    public JsonObject regenerateSecret(@PathParam("id") String id) {
        caller.requireOrganizationAdmin();
        return WebhookJson.withSecret(webhooks.regenerateSecret(Ids.path("webhook", id)));
    }
}
