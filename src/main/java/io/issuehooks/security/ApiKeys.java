package io.issuehooks.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: 256 random bits behind a recognisable prefix (secret scanners and people can tell what leaked).
 * Only the SHA-256 of a key is stored. A slow password hash would add nothing here: the key is random, not
 * chosen by a person, so there is no dictionary to try.
 */
public final class ApiKeys {

    public static final String PREFIX = "ihk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** The start of a key, safe to show in listings so people can tell their keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(12, key.length()));
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
