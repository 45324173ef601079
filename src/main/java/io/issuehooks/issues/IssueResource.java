package io.issuehooks.issues;

import io.issuehooks.contract.IssuePayload;
import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.Ids;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.platform.JsonRequestReader;
import io.issuehooks.platform.PageRequest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/**
 * Issues at /api/v1/issues (and at /api/issues: {@link io.issuehooks.platform.UnversionedPaths}). Responses carry an {@code ETag}; {@code If-Match} on PATCH makes the
 * update conditional.
 */
@Path("v1/issues")
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {

    @Inject
    IssueService issues;

    @Inject
    IssueRepository repository;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonRequest body, @Context UriInfo uri) {
        Issue issue = issues.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(issue.id().toString()).build())
                .tag(IssueJson.entityTag(issue)).entity(view(issue)).build();
    }

    @GET
    public JsonObject list(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("teamId") String teamId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        IssueRepository.Scope scope = issues.scope();
        filterValue("status", status, IssueValues.STATUSES);
        filterValue("severity", severity, IssueValues.SEVERITIES);
        UUID team = teamId == null ? null : JsonRequest.parseUuid("teamId", teamId);
        PageRequest page = PageRequest.of(limit, cursor);
        List<Issue> rows = repository.list(scope, new IssueRepository.Filter(status, severity, team), page);
        var histories = repository.histories(rows.stream().map(Issue::id).toList());
        return page.page(rows, Issue::createdAt, Issue::id, i -> IssuePayload.issue(i.snapshot(histories.get(i.id()))));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Issue issue = repository.find(issues.scope(), Ids.path("issue", id)).orElseThrow(() -> ApiException.notFound("issue", id));
        return Response.ok(view(issue)).tag(IssueJson.entityTag(issue)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({JsonRequestReader.MERGE_PATCH, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("id") String id, @Context Request preconditions, JsonRequest patch) {
        Issue issue = issues.update(Ids.path("issue", id), patch, preconditions);
        return Response.ok(view(issue)).tag(IssueJson.entityTag(issue)).build();
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response comment(@PathParam("id") String id, JsonRequest body, @Context UriInfo uri) {
        IssueComment comment = issues.comment(Ids.path("issue", id), body);
        return Response.created(uri.getAbsolutePathBuilder().path(comment.id().toString()).build())
                .entity(IssueJson.comment(comment)).build();
    }

    @GET
    @Path("{id}/comments")
    public JsonObject comments(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Issue issue = repository.find(issues.scope(), Ids.path("issue", id)).orElseThrow(() -> ApiException.notFound("issue", id));
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(repository.comments(issue.id(), page), IssueComment::createdAt, IssueComment::id, IssueJson::comment);
    }

    @GET
    @Path("{id}/comments/{commentId}")
    public JsonObject comment(@PathParam("id") String id, @PathParam("commentId") String commentId) {
        Issue issue = repository.find(issues.scope(), Ids.path("issue", id)).orElseThrow(() -> ApiException.notFound("issue", id));
        return repository.comment(issue.id(), Ids.path("comment", commentId)).map(IssueJson::comment)
                .orElseThrow(() -> ApiException.notFound("comment", commentId));
    }

    /** The issue as its change committed it (the history its events carry), or as read now when it did not change. */
    private JsonObject view(Issue issue) {
        return IssuePayload.issue(issue.snapshot(issue.recordedHistory().orElseGet(() -> repository.history(issue.id()))));
    }

    private static void filterValue(String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ApiException.invalid(name, "must be one of " + String.join(", ", allowed));
        }
    }
}
