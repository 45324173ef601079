package io.issuehooks.issues;

import io.issuehooks.platform.ApiException;
import io.issuehooks.platform.JsonRequest;
import io.issuehooks.security.Caller;
import io.issuehooks.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Request;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Recording and changing issues: one use case a method, one transaction each. The events they cause are not
 * this class's concern: the {@link IssueChangeRecorder} sees every change, made here or anywhere else.
 */
@ApplicationScoped
@Transactional
public class IssueService {

    static final Set<String> CREATE_FIELDS = Set.of("pluginId", "status", "severity", "teamId", "targetId", "providerId", "weakness");
    static final Set<String> PATCH_FIELDS = Set.of("status", "severity", "targetId", "providerId", "weakness");
    static final int MAX_ID = 200;
    static final int MAX_WEAKNESS = 1000;
    static final int MAX_COMMENT = 20_000;

    @Inject
    IssueRepository repository;

    @Inject
    TenancyRepository tenancy;

    @Inject
    Caller caller;

    public IssueRepository.Scope scope() {
        caller.requireOrganizationKey();
        return new IssueRepository.Scope(caller.organizationId(), caller.teamId());
    }

    public Issue create(JsonRequest body) {
        IssueRepository.Scope scope = scope();
        body.allowOnly(CREATE_FIELDS);
        UUID teamId = body.optionalUuid("teamId").orElse(caller.teamId());
        if (caller.teamId() != null && !caller.teamId().equals(teamId)) {
            throw ApiException.forbidden("This key is scoped to team " + caller.teamId() + " and cannot record issues of another team");
        }
        if (teamId != null && tenancy.team(scope.organizationId(), teamId).isEmpty()) {
            throw ApiException.invalid("teamId", "no team with id " + teamId + " in this organisation");
        }
        Issue issue = new Issue(scope.organizationId(), teamId, body.requiredText("pluginId", MAX_ID),
                oneOf(body, "status", IssueValues.STATUSES, "open"), oneOf(body, "severity", IssueValues.SEVERITIES, null));
        issue.setTargetId(body.optionalText("targetId", MAX_ID).orElse(null));
        issue.setProviderId(body.optionalText("providerId", MAX_ID).orElse(null));
        issue.setWeakness(body.optionalText("weakness", MAX_WEAKNESS).orElse(null));
        repository.add(issue);
        return issue;
    }

    /**
     * A JSON merge patch of the changeable attributes: however many it names, it is one logical update. The
     * request's preconditions ({@code If-Match}) are evaluated by JAX-RS against the locked issue's version.
     */
    public Issue update(UUID id, JsonRequest patch, Request preconditions) {
        IssueRepository.Scope scope = scope();
        patch.allowOnly(PATCH_FIELDS);
        Issue issue = repository.findForUpdate(scope, id).orElseThrow(() -> ApiException.notFound("issue", id));
        if (preconditions.evaluatePreconditions(IssueJson.entityTag(issue)) != null) {
            throw new ApiException(412, "The issue has changed since the version in If-Match; read it again (its ETag is "
                    + IssueJson.etag(issue) + ")", null);
        }
        if (patch.has("status")) {
            issue.setStatus(oneOf(patch, "status", IssueValues.STATUSES, null));
        }
        if (patch.has("severity")) {
            issue.setSeverity(oneOf(patch, "severity", IssueValues.SEVERITIES, null));
        }
        if (patch.has("targetId")) {
            issue.setTargetId(patch.optionalText("targetId", MAX_ID).orElse(null));
        }
        if (patch.has("providerId")) {
            issue.setProviderId(patch.optionalText("providerId", MAX_ID).orElse(null));
        }
        if (patch.has("weakness")) {
            issue.setWeakness(patch.optionalText("weakness", MAX_WEAKNESS).orElse(null));
        }
        return issue;
    }

    public IssueComment comment(UUID id, JsonRequest body) {
        IssueRepository.Scope scope = scope();
        body.allowOnly(Set.of("body"));
        String text = body.requiredText("body", MAX_COMMENT);
        // Locked like an update: the comment changes the issue's history and updatedAt.
        Issue issue = repository.findForUpdate(scope, id).orElseThrow(() -> ApiException.notFound("issue", id));
        IssueComment comment = new IssueComment(issue.id(), text, caller.accountId().toString());
        repository.add(comment);
        return comment;
    }

    private static String oneOf(JsonRequest body, String field, List<String> allowed, String fallback) {
        String value = body.optionalText(field, 40).orElse(fallback);
        if (value == null) {
            throw ApiException.invalid(field, "is required; one of " + String.join(", ", allowed));
        }
        if (!allowed.contains(value)) {
            throw ApiException.invalid(field, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }
}
