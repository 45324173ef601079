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
        assertThat(a).isNotEqualTo(b).startsWith("v1:");
        // A 12-byte nonce, then the secret's 9 bytes encrypted, then the 16-byte GCM tag: nothing of the plain text.
        byte[] sealed = java.util.Base64.getDecoder().decode(a.substring(3));
        assertThat(sealed).hasSize(12 + 9 + 16);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("whsec").doesNotContain("abc");
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
