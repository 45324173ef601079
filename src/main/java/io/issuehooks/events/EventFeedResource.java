package io.issuehooks.events;

import io.issuehooks.platform.Times;
import io.issuehooks.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** GET /api/v1/events: the organisation's events, oldest first (any key of the organisation; a team key: its team's). */
@Path("v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventFeedResource {

    @Inject
    Caller caller;

    @Inject
    FeedEventReader reader;

    @GET
    public String list(@QueryParam("type") List<String> type, @QueryParam("issueId") List<String> issueId,
            @QueryParam("since") List<String> since, @QueryParam("until") List<String> until,
            @QueryParam("limit") List<String> limit, @QueryParam("cursor") List<String> cursor) {
        caller.requireOrganizationKey();
        FeedQuery query = FeedQuery.of(caller.organizationId(), caller.teamId(), type, issueId, since, until, limit, cursor);
        return FeedPageWriter.page(reader.read(query, Times.now()), query.page(), cursor.isEmpty() ? null : cursor.get(0));
    }
}
