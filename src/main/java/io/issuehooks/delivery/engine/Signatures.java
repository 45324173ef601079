package io.issuehooks.delivery.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signatures every delivery carries. {@code X-Promptfoo-Signature}: lowercase hex HMAC-SHA256 of the
 * body, keyed with the UTF-8 bytes of the whole secret string, as the public documentation's consumer code
 * computes it. {@code webhook-signature} (Standard Webhooks): {@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body}, keyed with the bytes the secret's base64 part decodes to.
 */
public final class Signatures {

    static final String SECRET_PREFIX = "whsec_";

    private Signatures() {
    }

    public static String promptfoo(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    public static String standardWebhooks(String secret, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), signed));
    }

    static byte[] standardKey(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
