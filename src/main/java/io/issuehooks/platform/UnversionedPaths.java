package io.issuehooks.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;

/**
 * Serves {@code /api/webhooks/...} and {@code /api/issues/...}, the paths the public documentation first gave, as
 * the same resources as {@code /api/v1/webhooks/...} and {@code /api/v1/issues/...}: before matching, the request
 * is routed to the versioned path, and a {@code Location} the answer gives is put back under the path the client
 * used. One rule here instead of a twin class per resource; a new resource under those two paths gets both.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class UnversionedPaths implements ContainerRequestFilter, ContainerResponseFilter {

    /** The first path segments served without {@code v1/} as well. */
    public static final List<String> PREFIXES = List.of("webhooks", "issues");

    private static final String ROUTED = UnversionedPaths.class.getName();

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        String first = relative.split("/", 2)[0];
        if (PREFIXES.contains(first)) {
            // Raw (still percent-encoded) path and query, put together as they came: nothing decoded or re-encoded.
            String base = request.getUriInfo().getBaseUri().toString();
            base = base.endsWith("/") ? base : base + "/";
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            request.setProperty(ROUTED, base);
            request.setRequestUri(URI.create(base), URI.create(base + "v1/" + relative + (query == null ? "" : "?" + query)));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object base = request.getProperty(ROUTED);
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (base != null && location != null && location.toString().startsWith(base + "v1/")) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, base + location.toString().substring(base.toString().length() + 3));
        }
    }
}
