package io.issuehooks.platform;

import jakarta.ws.rs.core.Response;

/**
 * A refusal the caller can act on: it leaves as a problem+json response with this status and detail, and,
 * being unchecked, rolls back the transaction it is thrown in.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String field;

    public ApiException(Response.Status status, String detail) {
        this(status.getStatusCode(), detail, null);
    }

    public ApiException(int status, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    /** 400 for one field of the request body or query. */
    public static ApiException invalid(String field, String problem) {
        return new ApiException(400, field + ": " + problem, field);
    }

    /** 404, worded the same whether the thing is absent or belongs to another organisation. */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "No " + what + " with id " + id, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Response.Status.FORBIDDEN, detail);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
