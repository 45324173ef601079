package io.issuehooks.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** The JSON.stringify rules, character class by character class (NodeConsumersIT checks them against Node). */
class JsonTextTest {

    static String str(String s) {
        return JsonText.stringify(Json.createValue(s));
    }

    @Test
    void escapesOnlyQuoteBackslashAndControlCharacters() {
        assertThat(str("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
        assertThat(str("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(str("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(str("\u007f\u2028\u2029\u00e9")).isEqualTo("\"\u007f\u2028\u2029\u00e9\"");
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneSurrogatesInLowercase() {
        assertThat(str("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThat(str("x\uD800y")).isEqualTo("\"x\\ud800y\"");
        assertThat(str("\uDFFF")).isEqualTo("\"\\udfff\"");
    }

    @Test
    void writesCompactlyInInsertionOrder() {
        var value = Json.createObjectBuilder().add("z", 1).add("a", Json.createArrayBuilder().add(true).add(false).addNull())
                .add("m", Json.createObjectBuilder()).build();
        assertThat(JsonText.stringify(value)).isEqualTo("{\"z\":1,\"a\":[true,false,null],\"m\":{}}");
    }

    @Test
    void refusesNumbersJavaScriptWouldPrintDifferently() {
        assertThat(JsonText.stringify(Json.createValue(9007199254740991L))).isEqualTo("9007199254740991");
        assertThatThrownBy(() -> JsonText.stringify(Json.createValue(1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.stringify(Json.createValue(9007199254740993L))).isInstanceOf(IllegalArgumentException.class);
    }
}
