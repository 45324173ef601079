package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonRequestReaderTest {

    static Optional<JsonRequest> read(byte[] body) throws Exception {
        return JsonRequestReader.read(new ByteArrayInputStream(body), null);
    }

    static Optional<JsonRequest> read(String body) throws Exception {
        return read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirOffsetNotReplaced() {
        byte[] latin1 = "{\"body\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(latin1)).isInstanceOf(ApiException.class)
                .hasMessage("The request body is not valid UTF-8: the byte at offset 12 (0xE9) does not belong there");
        // An encoded surrogate (CESU-8) and an overlong encoding of '/' are not UTF-8 either.
        assertThatThrownBy(() -> read(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}))
                .hasMessageContaining("offset 6");
        assertThatThrownBy(() -> read(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}))
                .hasMessageContaining("offset 6");
    }

    @Test
    void validUtf8IsReadAsIs() throws Exception {
        assertThat(read("{\"body\":\"caf\u00e9 \uD83D\uDE00\"}").orElseThrow().requiredText("body", 10)).isEqualTo("caf\u00e9 \uD83D\uDE00");
        assertThat(read("  ")).isEmpty();
    }

    @Test
    void nestingDeeperThan32LevelsIsA400BeforeParsing() throws Exception {
        String ok = "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}";
        assertThat(read(ok)).isPresent();
        String deep = "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}";
        assertThatThrownBy(() -> read(deep)).isInstanceOf(ApiException.class).hasMessage("The request body is nested deeper than 32 levels");
        assertThatThrownBy(() -> read("[".repeat(100_000))).hasMessageContaining("nested deeper");
        // Brackets inside strings, escaped quotes included, are text.
        assertThat(read("{\"a\":\"" + "[".repeat(100) + "\\\"{{{\"}")).isPresent();
    }

    @Test
    void aCommentAtItsLimitFitsEvenWithEveryCharacterEscaped() throws Exception {
        String body = "{\"body\":\"" + "\\ud83d\\ude00".repeat(20_000) + "\"}";
        assertThat(body.length()).isGreaterThan(64 * 1024);
        assertThat(read(body).orElseThrow().requiredText("body", 20_000).codePointCount(0, 40_000)).isEqualTo(20_000);
        assertThatThrownBy(() -> read("{\"body\":\"" + "x".repeat(JsonRequestReader.MAX_BYTES) + "\"}"))
                .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(413));
    }
}
