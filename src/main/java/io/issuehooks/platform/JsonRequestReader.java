package io.issuehooks.platform;

import static io.issuehooks.client.JsonSupport.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies into {@link JsonRequest}: at most 64 KiB (413 beyond), well-formed JSON (400 with the
 * parser's position otherwise), an object at the top, and no key given twice.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, JsonRequestReader.MERGE_PATCH})
public class JsonRequestReader implements MessageBodyReader<JsonRequest> {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final int MAX_BYTES = 64 * 1024;

    private static final JsonReaderFactory READERS =
            JSON.createReaderFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonRequest.class;
    }

    @Override
    public JsonRequest readFrom(Class<JsonRequest> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> headers, InputStream in) throws IOException {
        return read(in, headers.getFirst("Content-Length")).orElseThrow(
                () -> new ApiException(400, "A JSON object is required as the request body", null));
    }

    /** The same rules for an endpoint whose body is optional: empty when there is none. */
    public static Optional<JsonRequest> read(InputStream in, String contentLength) throws IOException {
        if (contentLength != null && contentLength.matches("\\d{1,18}") && Long.parseLong(contentLength) > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            JsonStructure json = reader.read();
            if (json.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ApiException(400, "The request body must be a JSON object", null);
            }
            return Optional.of(new JsonRequest(json.asJsonObject()));
        } catch (JsonException e) {
            throw new ApiException(400, "Malformed JSON: " + e.getMessage(), null);
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "The request body is larger than " + MAX_BYTES / 1024 + " KiB", null);
    }
}
