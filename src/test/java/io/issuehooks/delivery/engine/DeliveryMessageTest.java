package io.issuehooks.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.PlannedAttempt;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A message's attempts survive the outbox: written as its row's text, read back as the relay sends them. */
class DeliveryMessageTest {

    @Test
    void attemptsReadBackFromTheirTextAreTheAttemptsWritten() {
        List<PlannedAttempt> attempts = List.of(new PlannedAttempt(UUID.randomUUID(), UUID.randomUUID(), 1, 0),
                new PlannedAttempt(UUID.randomUUID(), UUID.randomUUID(), 7, 3));
        DeliveryMessage message = DeliveryMessage.batch(UUID.randomUUID(), "issue-1", "{}", attempts);

        String text = message.attemptsText();

        assertThat(text).isEqualTo(attempts.get(0).deliveryId() + "/" + attempts.get(0).webhookId() + "/1/0,"
                + attempts.get(1).deliveryId() + "/" + attempts.get(1).webhookId() + "/7/3");
        assertThat(DeliveryMessage.attempts(text)).containsExactlyElementsOf(attempts);
    }
}
