package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    /** The test vector the Standard Webhooks specification and its libraries publish. */
    @Test
    void matchesTheStandardWebhooksTestVector() {
        String signature = Signatures.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    /** HMAC-SHA256 with key "key" of the classic sentence (RFC 4231 style published value). */
    @Test
    void promptfooSignatureIsLowercaseHexKeyedWithTheWholeSecretString() {
        assertThat(Signatures.promptfoo("key", "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
