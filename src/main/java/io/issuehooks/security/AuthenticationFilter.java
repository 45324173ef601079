package io.issuehooks.security;

import io.issuehooks.platform.ConfigValues;
import io.issuehooks.platform.Problem;
import io.issuehooks.platform.RequestPaths;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Authenticates every API request by its {@code Authorization: Bearer} key, before anything else runs: the
 * bootstrap key makes the caller the platform operator, an active service account's key makes it that account.
 * Anything else is a 401 with {@code WWW-Authenticate: Bearer}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthenticationFilter implements ContainerRequestFilter {

    /** The setting (a MicroProfile Config property); unset, no organisation can be created. */
    public static final String BOOTSTRAP_SETTING = "issuehooks.bootstrap.token";
    private static final String BEARER = "bearer ";

    @Inject
    Caller caller;

    @Inject
    KeyHolders holders;

    @Inject
    Config config;

    @Override
    public void filter(ContainerRequestContext request) {
        if (RequestPaths.trimmed(request.getUriInfo().getPath()).equals("health")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, "Bearer realm=\"issuehooks\"", "An API key is required: send it as Authorization: Bearer <key>");
            return;
        }
        String key = header.substring(BEARER.length()).trim();
        Optional<String> bootstrap = bootstrapToken(config);
        if (bootstrap.isPresent() && ApiKeys.constantTimeEquals(key, bootstrap.get())) {
            caller.operator();
            return;
        }
        Optional<KeyHolders.Holder> account = key.startsWith(ApiKeys.PREFIX)
                ? holders.activeByKeyHash(ApiKeys.hash(key)) : Optional.empty();
        if (account.isEmpty()) {
            refuse(request, "Bearer realm=\"issuehooks\", error=\"invalid_token\"", "The API key is not valid: it is unknown or was revoked");
            return;
        }
        KeyHolders.Holder a = account.get();
        caller.serviceAccount(a.accountId(), a.organizationId(), a.teamId(), a.role());
    }

    /** The bootstrap key, read at every request (MicroProfile Config reads system properties as they are now). */
    public static Optional<String> bootstrapToken(Config config) {
        return ConfigValues.text(config, BOOTSTRAP_SETTING);
    }

    private static void refuse(ContainerRequestContext request, String challenge, String detail) {
        request.abortWith(Problem.builder(401, detail, null).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build());
    }
}
