package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonRequestTest {

    static JsonRequest body(String json) {
        return new JsonRequest(Json.createReader(new java.io.StringReader(json)).readObject());
    }

    @Test
    void unknownFieldsAreNamed() {
        assertThatThrownBy(() -> body("{\"nmae\":\"x\"}").allowOnly(Set.of("name")))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("nmae: unknown field");
    }

    @Test
    void textMustBeStorableUnicodeOfBoundedLength() {
        assertThat(body("{\"a\":\"\\ud83d\\ude00\"}").requiredText("a", 1)).isEqualTo("\uD83D\uDE00");
        assertThatThrownBy(() -> body("{\"a\":\"ab\"}").requiredText("a", 1)).hasMessageStartingWith("a: must be at most 1");
        assertThatThrownBy(() -> body("{\"a\":\"x\\u0000\"}").requiredText("a", 9)).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> body("{\"a\":\"\\ud800x\"}").requiredText("a", 9)).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> body("{\"a\":\"  \"}").requiredText("a", 9)).hasMessageContaining("blank");
        assertThatThrownBy(() -> body("{\"a\":1}").requiredText("a", 9)).hasMessageContaining("must be a string");
        assertThatThrownBy(() -> body("{}").requiredText("a", 9)).hasMessageContaining("is required");
    }

    @Test
    void ApiExceptionsCarryStatusAndField() {
        ApiException e = ApiException.invalid("url", "bad");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).isEqualTo("url");
    }
}
