package io.issuehooks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    final byte[] key = new byte[32];
    final SecretCipher cipher = new SecretCipher(key);
    final UUID owner = UUID.randomUUID();

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = cipher.encrypt("whsec_abc", owner);
        String b = cipher.encrypt("whsec_abc", owner);
        assertThat(a).isNotEqualTo(b).doesNotContain("abc");
        assertThat(cipher.decrypt(a, owner)).isEqualTo("whsec_abc");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrReadWithAnotherKeyDoesNotDecrypt() {
        String sealed = cipher.encrypt("whsec_abc", owner);
        assertThatThrownBy(() -> cipher.decrypt(sealed, UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
        byte[] other = Arrays.copyOf(key, 32);
        other[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(other).decrypt(sealed, owner)).hasMessageContaining("ISSUEHOOKS_SECRET_KEY");
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
