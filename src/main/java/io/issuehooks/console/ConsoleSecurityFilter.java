package io.issuehooks.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers for everything under {@code /ui/}: a Content-Security-Policy that lets the console load only its
 * own scripts, stylesheet and API (no inline script or style, no plug-ins, no framing, no form submission), no MIME
 * sniffing, no referrer, and no caching (the pages are small, and a console must never be served stale from a
 * shared cache). Set before the chain runs, so that they are on every response, errors and redirects included.
 */
@WebFilter(urlPatterns = "/ui/*", asyncSupported = true)
public class ConsoleSecurityFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
