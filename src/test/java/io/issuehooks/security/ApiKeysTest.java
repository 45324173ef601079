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
        assertThat(ApiKeys.hash(key)).hasSize(64).isEqualTo(ApiKeys.hash(key)).doesNotContain(key.substring(4));
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void constantTimeComparisonStillCompares() {
        assertThat(ApiKeys.constantTimeEquals("secret", "secret")).isTrue();
        assertThat(ApiKeys.constantTimeEquals("secret", "secreT")).isFalse();
        assertThat(ApiKeys.constantTimeEquals("secret", "secret-longer")).isFalse();
    }
}
