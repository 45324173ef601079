package io.issuehooks.contract;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Writes JSON exactly as JavaScript's {@code JSON.stringify} does, because the public documentation's consumer
 * code verifies the signature over {@code JSON.stringify(JSON.parse(body))}: the body must be that string, byte
 * for byte. Compact; keys in insertion order; only {@code "}, {@code \}, and control characters escaped (the
 * five short escapes, otherwise lowercase <code>&#92;u00xx</code>); everything else, U+2028 included, as itself.
 * Unpaired surrogates, which UTF-8 cannot carry, are escaped as JSON.stringify escapes them.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Integers beyond this print differently in JavaScript (which has only doubles). */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private JsonText() {
    }

    public static String stringify(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : ((JsonObject) value).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonValue item : (JsonArray) value) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(item, out);
                }
                out.append(']');
            }
            case STRING -> quote(((JsonString) value).getString(), out);
            case NUMBER -> number((JsonNumber) value, out);
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    private static void number(JsonNumber number, StringBuilder out) {
        if (!number.isIntegral() || number.bigDecimalValue().abs().compareTo(java.math.BigDecimal.valueOf(MAX_SAFE_INTEGER)) > 0) {
            throw new IllegalArgumentException("Only integers up to 2^53 - 1 print the same in JavaScript: " + number);
        }
        out.append(number.longValue());
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }
}
