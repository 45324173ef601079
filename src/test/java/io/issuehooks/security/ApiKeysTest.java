package io.issuehooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysAreRandomPrefixedAndStoredOnlyAsTheirSha256() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(ApiKeys.generate());
        }
        assertThat(keys).hasSize(1000).allSatisfy(k -> assertThat(k).startsWith("ihk_").hasSize(4 + 43));
        String key = keys.iterator().next();
        assertThat(ApiKeys.hash(key)).as("the SHA-256 of the key's UTF-8 bytes, in lower-case hex")
                .isEqualTo(java.util.HexFormat.of().formatHex(sha256(key)));
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void constantTimeComparisonStillCompares() {
        assertThat(ApiKeys.constantTimeEquals("secret", "secret")).isTrue();
        assertThat(ApiKeys.constantTimeEquals("secret", "secreT")).isFalse();
        assertThat(ApiKeys.constantTimeEquals("secret", "secret-longer")).isFalse();
    }
}
