package io.issuehooks.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signing secrets: {@code whsec_} and the base64 of 32 random bytes, the Standard Webhooks form, so its
 * libraries accept the secret as it is. X-Promptfoo-Signature uses the UTF-8 bytes of the whole string as the
 * HMAC key, exactly as the public documentation's consumer code does.
 */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }
}
