package io.issuehooks.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** The settings' duration notation as MicroProfile Config converts it: {@link DurationConverter}, {@link DurationListConverter}. */
class DurationConverterTest {

    final DurationConverter one = new DurationConverter();
    final DurationListConverter list = new DurationListConverter();

    @Test
    void aDurationIsANumberAndAUnit() {
        assertThat(one.convert("0s")).isEqualTo(Duration.ZERO);
        assertThat(one.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(one.convert("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(one.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(one.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(one.convert("5d")).isEqualTo(Duration.ofDays(5));
        assertThat(one.convert(" 7s ")).as("blanks around it").isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void everythingElseIsRefusedSayingWhatIsExpected() {
        for (String bad : new String[] {"abc", "5", "s", "5 s", "1.5s", "-5s", "+5s", "1h30m", "5sec", "5S", "PT5S", "5w",
                "5s,", "99999999999999999999s", "999999999999999d"}) {
            assertThatThrownBy(() -> one.convert(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        }
    }

    @Test
    void aBlankValueIsNoValueSoTheDefaultApplies() {
        assertThat(one.convert("")).isNull();
        assertThat(one.convert("   ")).isNull();
        assertThat(list.convert("")).isNull();
        assertThat(list.convert(" ")).isNull();
    }

    @Test
    void aListIsCommaSeparatedDurations() {
        assertThat(list.convert("0s,500ms,5s,5m,2h,3d").durations()).containsExactly(Duration.ZERO, Duration.ofMillis(500),
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofDays(3));
        assertThat(list.convert(" 1s , 2s ").durations()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(list.convert("1s").durations()).containsExactly(Duration.ofSeconds(1));
        assertThat(list.convert("1s,").durations()).as("a trailing comma, as before").containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aListWithABadOrEmptyEntryIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> list.convert("5s,soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'soon' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        assertThatThrownBy(() -> list.convert("5s,,5m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        assertThatThrownBy(() -> list.convert("5s, ,5m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("' ' is not a duration");
        assertThatThrownBy(() -> list.convert(",5s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatWritesTheLargestUnitThatDividesIt() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        for (String text : new String[] {"0s", "500ms", "5s", "30m", "2h", "5d"}) {
            assertThat(Durations.format(one.convert(text))).isEqualTo(text);
        }
    }

    @Test
    void bothConvertersAreRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
                .contains(DurationConverter.class, DurationListConverter.class);
    }
}
