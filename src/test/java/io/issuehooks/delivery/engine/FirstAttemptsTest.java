package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.contract.IssueEvent;
import io.issuehooks.delivery.store.DeliveryReader;
import io.issuehooks.delivery.store.PlannedAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How fan-out splits an event's first attempts: healthy webhooks in batches of at most 50 in the issue's group,
 * failing and congested ones alone in a group of their own, disabled ones skipped and sent in no message.
 */
class FirstAttemptsTest {

    static final UUID EVENT = UUID.randomUUID();
    static final String ISSUE = UUID.randomUUID().toString();
    static final String PAYLOAD = "{\"event\":\"issue.created\"}";
    static final Predicate<UUID> NONE_CONGESTED = id -> false;

    static DeliveryReader.Subscriber healthy() {
        return new DeliveryReader.Subscriber(UUID.randomUUID(), null, "issue.created", false, true, null);
    }

    static DeliveryReader.Subscriber failing() {
        return new DeliveryReader.Subscriber(UUID.randomUUID(), null, "issue.created", true, true, null);
    }

    static DeliveryReader.Subscriber disabled(boolean failing) {
        return new DeliveryReader.Subscriber(UUID.randomUUID(), null, "issue.created", failing, false, null);
    }

    static List<DeliveryReader.Subscriber> healthy(int n) {
        return IntStream.range(0, n).mapToObj(i -> healthy()).toList();
    }

    static FirstAttempts.Split split(List<DeliveryReader.Subscriber> targets, Predicate<UUID> congested) {
        return FirstAttempts.split(EVENT, ISSUE, PAYLOAD, targets, congested);
    }

    static List<UUID> ids(List<DeliveryReader.Subscriber> webhooks) {
        return webhooks.stream().map(DeliveryReader.Subscriber::id).toList();
    }

    static List<PlannedAttempt> attempts(List<DeliveryMessage> messages) {
        return messages.stream().flatMap(m -> m.attempts().stream()).toList();
    }

    /** What every message and every attempt of a split must be, whatever the webhooks' states. */
    static void wellFormed(FirstAttempts.Split split) {
        assertThat(split.messages()).allSatisfy(m -> {
            assertThat(m.eventId()).isEqualTo(EVENT);
            assertThat(m.orderKey()).isEqualTo(ISSUE);
            assertThat(m.payload()).isEqualTo(PAYLOAD);
            assertThat(m.paced()).isFalse();
            assertThat(m.attempts()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
        });
        List<PlannedAttempt> all = new ArrayList<>(attempts(split.messages()));
        all.addAll(split.skipped());
        assertThat(all).allSatisfy(a -> {
            assertThat(a.number()).isEqualTo(1);
            assertThat(a.scheduleIndex()).isZero();
        });
        assertThat(all).extracting(PlannedAttempt::deliveryId).doesNotContainNull().doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} healthy webhooks: messages of {1}")
    @CsvSource({"0, ''", "1, 1", "50, 50", "51, 50;1", "120, 50;50;20"})
    void healthyWebhooksTravelInBatchesOfAtMostFiftyInTheIssuesGroup(int webhooks, String sizes) {
        List<DeliveryReader.Subscriber> targets = healthy(webhooks);
        FirstAttempts.Split split = split(targets, NONE_CONGESTED);

        List<Integer> expected = sizes.isEmpty() ? List.of() : List.of(sizes.split(";")).stream().map(Integer::valueOf).toList();
        assertThat(split.messages()).extracting(m -> m.attempts().size()).containsExactlyElementsOf(expected);
        assertThat(split.messages()).allSatisfy(m -> assertThat(m.group()).isEqualTo(IssueEvent.group(ISSUE)));
        assertThat(attempts(split.messages())).extracting(PlannedAttempt::webhookId)
                .as("every webhook exactly once, in the targets' order").containsExactlyElementsOf(ids(targets));
        assertThat(split.skipped()).isEmpty();
        wellFormed(split);
    }

    @Test
    void aFailingOrCongestedWebhookGetsAMessageOfItsOwnInItsOwnGroup() {
        DeliveryReader.Subscriber failing = failing();
        DeliveryReader.Subscriber congested = healthy();
        DeliveryReader.Subscriber fine = healthy();
        FirstAttempts.Split split = split(List.of(failing, congested, fine), congested.id()::equals);

        assertThat(split.messages()).hasSize(3);
        assertThat(split.messages().get(0).attempts()).extracting(PlannedAttempt::webhookId).containsExactly(failing.id());
        assertThat(split.messages().get(0).group()).isEqualTo(failing.id() + "/" + IssueEvent.group(ISSUE));
        assertThat(split.messages().get(1).attempts()).extracting(PlannedAttempt::webhookId).containsExactly(congested.id());
        assertThat(split.messages().get(1).group()).isEqualTo(congested.id() + "/" + IssueEvent.group(ISSUE));
        assertThat(split.messages().get(2).attempts()).extracting(PlannedAttempt::webhookId).containsExactly(fine.id());
        assertThat(split.messages().get(2).group()).as("a batch of one is still a batch").isEqualTo(IssueEvent.group(ISSUE));
        wellFormed(split);
    }

    @Test
    void aDisabledWebhookIsSkippedAndInNoMessageEvenWhenFailingOrCongested() {
        DeliveryReader.Subscriber disabled = disabled(false);
        DeliveryReader.Subscriber disabledAndFailing = disabled(true);
        DeliveryReader.Subscriber disabledAndCongested = disabled(false);
        DeliveryReader.Subscriber fine = healthy();
        FirstAttempts.Split split = split(List.of(disabled, disabledAndFailing, disabledAndCongested, fine),
                disabledAndCongested.id()::equals);

        assertThat(split.skipped()).extracting(PlannedAttempt::webhookId)
                .containsExactly(disabled.id(), disabledAndFailing.id(), disabledAndCongested.id());
        assertThat(split.messages()).singleElement().satisfies(m -> {
            assertThat(m.attempts()).extracting(PlannedAttempt::webhookId).containsExactly(fine.id());
            assertThat(m.group()).isEqualTo(IssueEvent.group(ISSUE));
        });
        wellFormed(split);
    }

    @Test
    void onlyDisabledWebhooksMakeNoMessage() {
        FirstAttempts.Split split = split(List.of(disabled(false), disabled(true)), NONE_CONGESTED);
        assertThat(split.messages()).isEmpty();
        assertThat(split.skipped()).hasSize(2);
        wellFormed(split);
    }

    @Test
    void congestionIsAskedOnlyAboutEnabledWebhooksThatAreNotFailing() {
        DeliveryReader.Subscriber fine = healthy();
        List<UUID> asked = new ArrayList<>();
        split(List.of(disabled(false), failing(), fine, disabled(true)), id -> {
            asked.add(id);
            return false;
        });
        assertThat(asked).containsExactly(fine.id());
    }

    @Test
    void aMixOfEveryKindKeepsTheIsolatedFirstThenTheBatchesEachInTheTargetsOrder() {
        List<DeliveryReader.Subscriber> targets = new ArrayList<>(healthy(120));
        DeliveryReader.Subscriber failing = failing();
        DeliveryReader.Subscriber congested = healthy();
        DeliveryReader.Subscriber disabled = disabled(false);
        targets.add(7, failing);
        targets.add(60, disabled);
        targets.add(99, congested);
        List<DeliveryReader.Subscriber> healthy = targets.stream()
                .filter(w -> w != failing && w != congested && w != disabled).toList();
        FirstAttempts.Split split = split(targets, congested.id()::equals);

        assertThat(split.messages()).extracting(m -> m.attempts().size()).containsExactly(1, 1, 50, 50, 20);
        assertThat(split.messages()).extracting(DeliveryMessage::group).containsExactly(
                failing.id() + "/" + IssueEvent.group(ISSUE), congested.id() + "/" + IssueEvent.group(ISSUE),
                IssueEvent.group(ISSUE), IssueEvent.group(ISSUE), IssueEvent.group(ISSUE));
        assertThat(attempts(split.messages()).subList(0, 2)).extracting(PlannedAttempt::webhookId)
                .containsExactly(failing.id(), congested.id());
        assertThat(attempts(split.messages()).subList(2, 122)).extracting(PlannedAttempt::webhookId)
                .containsExactlyElementsOf(ids(healthy));
        assertThat(split.skipped()).extracting(PlannedAttempt::webhookId).containsExactly(disabled.id());
        assertThat(Set.copyOf(attempts(split.messages()).stream().map(PlannedAttempt::webhookId).toList()))
                .as("the disabled webhook in no message").doesNotContain(disabled.id()).hasSize(122);
        wellFormed(split);
    }

    @Test
    void anOperationalEventIsOrderedAndGroupedByTheWebhookItIsAbout() {
        String about = UUID.randomUUID().toString();
        DeliveryReader.Subscriber failing = failing();
        FirstAttempts.Split split = FirstAttempts.split(EVENT, about, PAYLOAD, List.of(healthy(), failing), NONE_CONGESTED);

        assertThat(split.messages()).extracting(DeliveryMessage::orderKey).containsOnly(about);
        assertThat(split.messages()).extracting(DeliveryMessage::group)
                .containsExactly(failing.id() + "/" + IssueEvent.group(about), IssueEvent.group(about));
    }
}
