package io.issuehooks.contract;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.UUID;

/**
 * An issue event as a message of the persistent IssueEvents queue, the wire between the client jar (which writes
 * it) and the server (which reads and fans it out): the payload as text, the routing facts as properties, and the
 * issue's JMS group so that an issue's events are fanned out one after another, in order.
 */
public final class IssueEventMessage {

    public static final String QUEUE = "java:/jms/queue/IssueEvents";
    static final String EVENT_ID = "eventId";
    static final String EVENT_TYPE = "eventType";
    static final String ISSUE_ID = "issueId";
    static final String ORGANIZATION_ID = "organizationId";
    static final String TEAM_ID = "teamId";

    private IssueEventMessage() {
    }

    /** Sets the properties of {@code message}, whose text is the event's payload. */
    public static void write(IssueEvent event, Message message) throws JMSException {
        message.setStringProperty(EVENT_ID, event.id().toString());
        message.setStringProperty(EVENT_TYPE, event.type().wireName());
        message.setStringProperty(ISSUE_ID, event.issueId());
        message.setStringProperty(ORGANIZATION_ID, event.organizationId());
        if (event.teamId() != null) {
            message.setStringProperty(TEAM_ID, event.teamId());
        }
        message.setStringProperty("JMSXGroupID", IssueEvent.group(event.issueId()));
    }

    /** The event a message of the queue carries; null when it is not one (an unknown type, no event id). */
    public static IssueEvent read(Message message) throws JMSException {
        UUID id;
        try {
            id = UUID.fromString(message.getStringProperty(EVENT_ID));
        } catch (RuntimeException e) {
            return null;
        }
        return IssueEventType.fromWireName(message.getStringProperty(EVENT_TYPE))
                .map(type -> {
                    try {
                        return new IssueEvent(id, type, message.getStringProperty(ISSUE_ID),
                                message.getStringProperty(ORGANIZATION_ID), message.getStringProperty(TEAM_ID),
                                ((TextMessage) message).getText());
                    } catch (JMSException e) {
                        throw new IllegalStateException("Unreadable issue event message", e);
                    }
                }).orElse(null);
    }
}
