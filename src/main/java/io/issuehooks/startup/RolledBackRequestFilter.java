package io.issuehooks.startup;

import io.issuehooks.platform.RequestPaths;
import io.issuehooks.security.Role;
import io.issuehooks.tenancy.Organization;
import io.issuehooks.tenancy.ServiceAccount;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets the warm-up's own API calls ({@link LoopbackRequests}) run past authentication, so that the resource, the
 * request's JSON, the service and the answer's rendering are compiled before the server reports ready, and not
 * under its first real load (docs/operations.md, "A freshly started server"). A call that carries the warm-up's
 * {@link WarmUpPass} and records an issue runs in a transaction begun here: an organisation and a service account
 * holding the call's key are added in it, so authentication finds the key as it finds any other, the call runs
 * as any other, and the transaction is rolled back before the answer is written. Nothing of it is committed; a
 * transaction left open by a failure is rolled back by WildFly at the end of the request. Any other call, with or
 * without the header, is left alone.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
@ApplicationScoped
public class RolledBackRequestFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String BEGUN = RolledBackRequestFilter.class.getName();
    private static final String BEARER = "Bearer ";
    private static final Logger LOG = Logger.getLogger(RolledBackRequestFilter.class.getName());

    @Inject
    WarmUpPass pass;

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Override
    public void filter(ContainerRequestContext request) {
        // Every API call passes here: one header lookup is all a call without the pass costs.
        String header = request.getHeaderString(WarmUpPass.HEADER);
        if (header == null) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!applies(request.getMethod(), request.getUriInfo().getPath(false)) || authorization == null
                || !authorization.startsWith(BEARER) || !pass.accepts(header)) {
            return;
        }
        try {
            transaction.begin();
            request.setProperty(BEGUN, Boolean.TRUE);
            Organization organization = new Organization("warm-up");
            em.persist(organization);
            em.persist(new ServiceAccount(organization.id(), null, "warm-up", Role.MEMBER, authorization.substring(BEARER.length())));
            // Written now, in this transaction's connection, where the authentication filter's key lookup reads.
            em.flush();
        } catch (Exception e) {
            // Then the call goes on as any other: its key is unknown, it is answered 401.
            LOG.log(Level.FINE, "Warm-up call not set up", e);
            rollBack(request);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        rollBack(request);
    }

    /** Only what the warm-up calls: recording an issue. */
    static boolean applies(String method, String path) {
        return method.equals("POST") && RequestPaths.trimmed(path).equals("v1/issues");
    }

    private void rollBack(ContainerRequestContext request) {
        if (request.getProperty(BEGUN) == null) {
            return;
        }
        request.removeProperty(BEGUN);
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Warm-up: rolling back a call's transaction failed", e);
        }
    }
}
