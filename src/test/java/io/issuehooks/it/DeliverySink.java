package io.issuehooks.it;

import io.issuehooks.testsupport.TapReader.Tapped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook endpoint inside the test deployment that takes every delivery (204) and keeps what it received, per
 * issue, in the order it arrived: what a receiver of the organisation's one webhook sees, read by the tests in the
 * same deployment. Keyed by issue, so tests running side by side never read each other's events.
 */
@WebServlet("/it-sink")
public class DeliverySink extends HttpServlet {

    private static final Map<String, BlockingQueue<Tapped>> RECEIVED = new ConcurrentHashMap<>();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject issue;
        try (var reader = Json.createReader(new StringReader(body))) {
            issue = reader.readObject().getJsonObject("data").getJsonObject("issue");
        }
        String issueId = issue.getString("id");
        queue(issueId).add(new Tapped(body, request.getHeader("X-Event-Id"), issueId, issue.getString("organizationId", null),
                issue.getString("teamId", null), null, 0));
        response.setStatus(204);
    }

    /** Exactly {@code count} deliveries about the issue, in the order they arrived, waiting up to the timeout. */
    static List<Tapped> received(String issueId, int count, Duration timeout) {
        List<Tapped> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (got.size() < count) {
                Tapped next = queue(issueId).poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("Expected " + count + " deliveries about issue " + issueId + " but got " + got);
                }
                got.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
        return got;
    }

    private static BlockingQueue<Tapped> queue(String issueId) {
        return RECEIVED.computeIfAbsent(issueId, id -> new LinkedBlockingQueue<>());
    }
}
