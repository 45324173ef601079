package io.issuehooks.contract;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;

/**
 * The one JSON-P provider. {@code jakarta.json.Json}'s static methods look the provider up through the service
 * loader on every call, which showed as a tenth of the CPU of a delivery; this looks it up once.
 */
public final class JsonSupport {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }

    /**
     * Adds a member that is {@code null} when there is no value, as the API always shows every field: a string,
     * a number, an id, or an instant in the payload's time format.
     */
    public static JsonObjectBuilder nullable(JsonObjectBuilder b, String name, Object value) {
        if (value == null) {
            return b.addNull(name);
        }
        if (value instanceof Integer i) {
            return b.add(name, i);
        }
        if (value instanceof Instant t) {
            return b.add(name, IssuePayload.time(t));
        }
        return b.add(name, value.toString());
    }
}
