package io.issuehooks.platform;

import java.util.regex.Pattern;

/** A request's path as the filters that run before matching compare it: without its leading and trailing slashes. */
public final class RequestPaths {

    /** Compiled once: String.replaceAll would compile it on every request. */
    private static final Pattern EDGE_SLASHES = Pattern.compile("^/+|/+$");

    private RequestPaths() {
    }

    /** {@code "/v1/issues/"} → {@code "v1/issues"}. */
    public static String trimmed(String path) {
        return EDGE_SLASHES.matcher(path).replaceAll("");
    }
}
