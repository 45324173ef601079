package io.issuehooks.events;

import static io.issuehooks.contract.JsonSupport.JSON;

import io.issuehooks.platform.PageRequest;
import io.issuehooks.platform.Times;
import java.util.List;

/**
 * Renders a page of the feed. Each event's {@code payload} is written as the stored text itself, not parsed and
 * written again, so that it is byte for byte the body its deliveries signed. Unlike other lists, {@code nextCursor}
 * is there on the last page too (the place after its last event), so that a collector polls on from it;
 * {@code hasMore} says whether another page is already waiting.
 */
final class FeedPageWriter {

    private FeedPageWriter() {
    }

    static String page(List<FeedEvent> rows, PageRequest page, String cursorGiven) {
        StringBuilder json = new StringBuilder("{\"data\":[");
        List<FeedEvent> shown = rows.subList(0, Math.min(rows.size(), page.limit()));
        for (int i = 0; i < shown.size(); i++) {
            FeedEvent e = shown.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":").append(text(e.id().toString()))
                    .append(",\"type\":").append(text(e.type()))
                    .append(",\"issueId\":").append(text(e.issueId()))
                    .append(",\"teamId\":").append(e.teamId() == null ? "null" : text(e.teamId().toString()))
                    .append(",\"createdAt\":").append(text(Times.format(e.createdAt())))
                    .append(",\"payload\":").append(e.payload())
                    .append('}');
        }
        String next = shown.isEmpty() ? cursorGiven : PageRequest.cursor(shown.get(shown.size() - 1).createdAt(), shown.get(shown.size() - 1).id());
        return json.append("],\"nextCursor\":").append(next == null || next.isEmpty() ? "null" : text(next))
                .append(",\"hasMore\":").append(rows.size() > page.limit()).append('}').toString();
    }

    private static String text(String value) {
        return value == null ? "null" : JSON.createValue(value).toString();
    }
}
