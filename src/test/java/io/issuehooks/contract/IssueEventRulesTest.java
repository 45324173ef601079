package io.issuehooks.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssueEventRulesTest {

    static IssueSnapshot issue(String status, String severity, String weakness) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new IssueSnapshot("i", "p", status, severity, "o", null, "t", null, t, t, weakness, List.of());
    }

    @Test
    void aNewIssueIsCreatedWhateverElseChanged() {
        assertThat(IssueEventRules.attributeChange(null, issue("fixed", "low", "w")).orElseThrow().type())
                .isEqualTo(IssueEventType.CREATED);
    }

    @Test
    void oneAttributeGivesItsOwnEventWithThePreviousValue() {
        var status = IssueEventRules.attributeChange(issue("open", "high", "w"), issue("fixed", "high", "w")).orElseThrow();
        assertThat(status.type()).isEqualTo(IssueEventType.STATUS_CHANGED);
        assertThat(status.changes()).containsExactly("status changed to fixed");
        assertThat(status.eventData().getString("previousStatus")).isEqualTo("open");

        var severity = IssueEventRules.attributeChange(issue("open", "high", "w"), issue("open", "low", "w")).orElseThrow();
        assertThat(severity.type()).isEqualTo(IssueEventType.SEVERITY_CHANGED);
        assertThat(severity.eventData().getString("previousSeverity")).isEqualTo("high");

        var other = IssueEventRules.attributeChange(issue("open", "high", "w"), issue("open", "high", null)).orElseThrow();
        assertThat(other.type()).isEqualTo(IssueEventType.UPDATED);
        assertThat(other.changes()).containsExactly("weakness cleared");
    }

    @Test
    void severalAttributesAreOneUpdated() {
        var change = IssueEventRules.attributeChange(issue("open", "high", "w"), issue("fixed", "low", "x")).orElseThrow();
        assertThat(change.type()).isEqualTo(IssueEventType.UPDATED);
        assertThat(change.changes()).containsExactly("status changed to fixed", "severity changed to low", "weakness changed to x");
        assertThat(change.eventData().containsKey("previousStatus")).isFalse();
    }

    @Test
    void noChangeIsNoEvent() {
        assertThat(IssueEventRules.attributeChange(issue("open", "high", "w"), issue("open", "high", "w"))).isEmpty();
    }
}
