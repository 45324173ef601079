package io.issuehooks.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.http.MappingMatch;

/**
 * The application serves the API under {@code /api} and the console's files under {@code /ui/}; any other path
 * that only the container's default (static file) servlet would answer (a typo, or
 * {@code /api/webhooks/%2e%2e/%2e%2e/x}, which the server normalises out of the API) is an RFC 9457 problem like
 * every other error, instead of the container's HTML page. Paths of other servlets pass. {@code /} leads to the
 * console.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class UnknownPathFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The static files there are. */
    static final String CONSOLE = "/ui";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if ((path.isEmpty() || path.equals("/")) && "GET".equals(request.getMethod())) {
            response.sendRedirect(request.getContextPath() + "/ui/");
            return;
        }
        boolean staticFile = request.getHttpServletMapping().getMappingMatch() == MappingMatch.DEFAULT;
        if (!staticFile || path.equals(CONSOLE) || path.startsWith(CONSOLE + "/")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = Problem.body(404, "Nothing is served at this path: the API is under /api/v1, the console at /ui/", null)
                .toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(404);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
