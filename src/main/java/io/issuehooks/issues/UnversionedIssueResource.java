package io.issuehooks.issues;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The issues API at /api/issues, beside the unversioned /api/webhooks. */
@Path("issues")
@Produces(MediaType.APPLICATION_JSON)
public class UnversionedIssueResource extends IssueResource {
}
