package io.issuehooks.issues;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.contract.CommentSnapshot;
import io.issuehooks.contract.IssuePayload;
import io.issuehooks.contract.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.EntityTag;

/** How issues and comments read in the API: an issue exactly as webhook payloads carry it. */
final class IssueJson {

    private IssueJson() {
    }

    static EntityTag entityTag(Issue issue) {
        return new EntityTag(Long.toString(issue.version()));
    }

    static String etag(Issue issue) {
        return "\"" + issue.version() + "\"";
    }


    static JsonObject comment(IssueComment c) {
        CommentSnapshot s = c.snapshot();
        JsonObjectBuilder b = JSON.createObjectBuilder().add("id", s.id()).add("issueId", c.issueId().toString())
                .add("body", s.body());
        return JsonSupport.nullable(b, "authorId", s.authorId()).add("createdAt", IssuePayload.time(s.createdAt())).build();
    }
}
