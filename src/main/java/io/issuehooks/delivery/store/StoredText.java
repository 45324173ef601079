package io.issuehooks.delivery.store;

/**
 * Text from the outside (response bodies, error messages) made safe to store: PostgreSQL text cannot hold
 * U+0000, and columns have limits. A response must never make recording its attempt fail.
 */
public final class StoredText {

    private StoredText() {
    }

    public static String of(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        String clean = text.replace('\u0000', '\uFFFD');
        if (clean.length() <= maxChars) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return clean.substring(0, end);
    }
}
