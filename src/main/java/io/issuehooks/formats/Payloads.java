package io.issuehooks.formats;

import static io.issuehooks.contract.JsonSupport.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;

/** Reading the parts of a Promptfoo payload the other formats use. */
final class Payloads {

    private Payloads() {
    }

    static JsonObject parse(String payload) {
        try (var reader = JSON.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }

    static String text(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    static Instant timestamp(JsonObject envelope) {
        return Instant.parse(envelope.getString("timestamp"));
    }
}
