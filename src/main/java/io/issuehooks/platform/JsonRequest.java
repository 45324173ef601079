package io.issuehooks.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A request body that parsed as a JSON object, read field by field so that every refusal names its field.
 * Strings are refused when PostgreSQL could not store them faithfully (U+0000) or when they are not valid
 * Unicode (an unpaired surrogate), rather than being changed on the way in.
 */
public final class JsonRequest {

    private final JsonObject body;
    /** Where the object sits in the request ("filter." for the webhook's filter), put before every field named. */
    private final String prefix;

    public JsonRequest(JsonObject body) {
        this(body, "");
    }

    private JsonRequest(JsonObject body, String prefix) {
        this.body = body;
        this.prefix = prefix;
    }

    /** An object inside the request, read by the same rules, its refusals naming {@code field.name}. */
    public static JsonRequest nested(String field, JsonObject body) {
        return new JsonRequest(body, field + ".");
    }

    public JsonObject json() {
        return body;
    }

    /** Refuses fields the endpoint does not know, so that a typo is not silently ignored. */
    public JsonRequest allowOnly(Set<String> fields) {
        for (String name : body.keySet()) {
            if (!fields.contains(name)) {
                throw ApiException.invalid(prefix + name, "unknown field; allowed fields are " + String.join(", ", sorted(fields)));
            }
        }
        return this;
    }

    public boolean has(String name) {
        return body.containsKey(name);
    }

    public boolean isNull(String name) {
        return body.containsKey(name) && body.get(name).getValueType() == JsonValue.ValueType.NULL;
    }

    /** A string that must be present, not blank, and at most maxLength characters. */
    public String requiredText(String name, int maxLength) {
        return optionalText(name, maxLength).orElseThrow(() -> ApiException.invalid(prefix + name, "is required"));
    }

    /** Absent or null gives empty; otherwise the same rules as {@link #requiredText}. */
    public Optional<String> optionalText(String name, int maxLength) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiException.invalid(prefix + name, "must be a string");
        }
        String text = ((JsonString) value).getString();
        if (text.isBlank()) {
            throw ApiException.invalid(prefix + name, "must not be blank");
        }
        checkText(prefix + name, text, maxLength);
        return Optional.of(text);
    }

    public Optional<Boolean> optionalBoolean(String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        throw ApiException.invalid(prefix + name, "must be true or false");
    }

    /**
     * A whole number that fits an {@code int}; absent or null gives empty, anything else is refused with
     * {@code problem} (say, "must be a whole number from 1 to 10000": its range is the caller's Bean Validation
     * constraint, checked once the request is parsed, with the same words).
     */
    public Optional<Integer> optionalInteger(String name, String problem) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw ApiException.invalid(prefix + name, problem);
        }
        java.math.BigInteger n = ((JsonNumber) value).bigIntegerValue();
        if (n.bitLength() > 31) {
            throw ApiException.invalid(prefix + name, problem);
        }
        return Optional.of(n.intValue());
    }

    /** An ISO-8601 instant such as 2026-01-31T00:00:00Z; absent or null gives empty. */
    public Optional<java.time.Instant> optionalInstant(String name) {
        return optionalText(name, 40).map(text -> Times.parse(prefix + name, text));
    }

    public Optional<UUID> optionalUuid(String name) {
        return optionalText(name, 36).map(text -> parseUuid(prefix + name, text));
    }

    /** An array of strings; absent gives empty, null or another type is refused. */
    public Optional<List<String>> optionalStrings(String name, int maxLength) {
        JsonValue value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.invalid(prefix + name, "must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonValue item : (JsonArray) value) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw ApiException.invalid(prefix + name, "must be an array of strings");
            }
            String text = ((JsonString) item).getString();
            checkText(prefix + name, text, maxLength);
            result.add(text);
        }
        return Optional.of(result);
    }

    public static UUID parseUuid(String name, String text) {
        return Ids.parse(text).orElseThrow(() -> ApiException.invalid(name, "'" + text + "' is not a valid id"));
    }

    static void checkText(String name, String text, int maxLength) {
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw ApiException.invalid(name, "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw ApiException.invalid(name, "must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalid(name, "must be valid Unicode (it contains an unpaired surrogate)");
            }
        }
    }

    private static List<String> sorted(Set<String> fields) {
        return fields.stream().sorted().toList();
    }
}
