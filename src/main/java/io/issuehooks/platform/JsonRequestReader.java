package io.issuehooks.platform;

import static io.issuehooks.contract.JsonSupport.JSON;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads request bodies into {@link JsonRequest}: at most 256 KiB (413 beyond), valid UTF-8 (400 with the offset
 * of the first bad byte: never decoded with replacement characters), nested at most 32 levels, well-formed JSON
 * (400 with the parser's position otherwise), an object at the top, and no key given twice.
 *
 * <p>256 KiB because the longest field, a comment of 20,000 code points, may reach the server with every
 * character escaped: a code point outside the Basic Multilingual Plane is 12 bytes as a surrogate pair of
 * backslash-u escapes, so a legal comment is at most 240,000 bytes plus its few bytes of envelope.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, JsonRequestReader.MERGE_PATCH})
public class JsonRequestReader implements MessageBodyReader<JsonRequest> {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final int MAX_BYTES = 256 * 1024;
    /** Deeper than any request of the API needs (two levels), shallow enough that no reader recurses far. */
    public static final int MAX_DEPTH = 32;

    /** A Content-Length that parses as a long; compiled once, not on every request as String.matches would. */
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
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
        if (contentLength != null && DIGITS.matcher(contentLength).matches() && Long.parseLong(contentLength) > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        String text = decode(bytes);
        if (text.isBlank()) {
            return Optional.empty();
        }
        checkDepth(text);
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            JsonStructure json = reader.read();
            if (json.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ApiException(400, "The request body must be a JSON object", null);
            }
            return Optional.of(new JsonRequest(json.asJsonObject()));
        } catch (JsonException e) {
            throw new ApiException(400, "Malformed JSON: " + e.getMessage(), null);
        }
    }

    /** The body as text, or a 400 naming the offset of the first byte that is not UTF-8. */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new ApiException(400, "The request body is not valid UTF-8: the byte at offset " + in.position()
                    + " (0x" + String.format("%02X", bytes[in.position()] & 0xFF) + ") does not belong there", null);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Refuses nesting deeper than {@link #MAX_DEPTH}, counting brackets outside strings, before any parsing. */
    static void checkDepth(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new ApiException(400, "The request body is nested deeper than " + MAX_DEPTH + " levels", null);
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "The request body is larger than " + MAX_BYTES / 1024 + " KiB", null);
    }
}
