package io.issuehooks.platform;

import static io.issuehooks.contract.JsonSupport.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details: the one shape every error response has. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);

    private Problem() {
    }

    public static Response response(int status, String detail) {
        return builder(status, detail, null).build();
    }

    public static Response.ResponseBuilder builder(int status, String detail, String field) {
        return Response.status(status).type(TYPE).entity(body(status, detail, field));
    }

    /** The problem document itself, for answers written outside JAX-RS (a servlet filter). */
    public static jakarta.json.JsonObject body(int status, String detail, String field) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", type != null ? type.getReasonPhrase() : "Error")
                .add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        if (field != null) {
            body.add("field", field);
        }
        return body.build();
    }
}
