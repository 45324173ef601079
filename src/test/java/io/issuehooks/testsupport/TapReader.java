package io.issuehooks.testsupport;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * In-container reader of the messages that reached the IssueEvents queue (through {@link EventTap}): the issue
 * events other deployments publish, one issue at a time, so that tests running side by side never read each
 * other's events.
 */
public final class TapReader {

    /** A message as it sat on the queue: the payload, its routing properties, and JMS's own headers. */
    public record Tapped(String body, String eventId, String issueId, String organizationId, String teamId,
            String groupId, int deliveryMode) {

        /** The event type, as the payload names it. */
        public String eventType() {
            return json().getString("event");
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonObject issue() {
            return json().getJsonObject("data").getJsonObject("issue");
        }

        public JsonObject eventData() {
            return json().getJsonObject("data").getJsonObject("eventData");
        }
    }

    private TapReader() {
    }

    /** Exactly {@code count} events about the issue that reached IssueEvents, in queue order. */
    public static List<Tapped> await(String issueId, int count, Duration timeout) {
        return await(EventTap.ISSUE_EVENTS, issueId, count, timeout);
    }

    private static List<Tapped> await(String tap, String issueId, int count, Duration timeout) {
        List<Tapped> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (JMSContext jms = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = jms.createConsumer(lookup(tap), "issueId = '" + issueId + "'")) {
            while (events.size() < count) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                Message m = left > 0 ? consumer.receive(left) : null;
                if (m == null) {
                    throw new AssertionError("Expected " + count + " events for issue " + issueId + " but got " + events);
                }
                events.add(tapped(m));
            }
        }
        return events;
    }

    /** Waits the given time and fails if any (further) event about the issue arrives. */
    public static void assertNone(String issueId, Duration wait) {
        try (JMSContext jms = factory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = jms.createConsumer(lookup(EventTap.ISSUE_EVENTS), "issueId = '" + issueId + "'")) {
            Message m = consumer.receive(wait.toMillis());
            if (m != null) {
                throw new AssertionError("Expected no event for issue " + issueId + " but got " + tapped(m));
            }
        }
    }

    private static Tapped tapped(Message m) {
        try {
            return new Tapped(((TextMessage) m).getText(), m.getStringProperty("eventId"), m.getStringProperty("issueId"),
                    m.getStringProperty("organizationId"), m.getStringProperty("teamId"), m.getStringProperty("JMSXGroupID"),
                    m.getJMSDeliveryMode());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectionFactory factory() {
        return lookup("java:/ConnectionFactory");
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) {
        try {
            return (T) InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }
}
