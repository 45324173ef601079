package io.issuehooks.delivery.store;

import io.issuehooks.contract.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One try at sending a delivery: when, how long, the answer or the error, and the headers it was sent with. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    @Id
    private UUID id;

    @Column(name = "delivery_id", nullable = false)
    private UUID deliveryId;

    @Column(nullable = false)
    private int number;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    private int durationMillis;

    @Column(name = "status_code")
    private Integer statusCode;

    private String error;

    @Column(name = "response_excerpt")
    private String responseExcerpt;

    @Column(name = "request_headers", nullable = false)
    private String requestHeaders;

    protected DeliveryAttempt() {
    }

    public DeliveryAttempt(UUID deliveryId, int number, Instant startedAt, int durationMillis, Integer statusCode,
            String error, String responseExcerpt, String requestHeaders) {
        this.id = TimeOrderedIds.next();
        this.deliveryId = deliveryId;
        this.number = number;
        this.startedAt = startedAt;
        this.durationMillis = durationMillis;
        this.statusCode = statusCode;
        this.error = error;
        this.responseExcerpt = responseExcerpt;
        this.requestHeaders = requestHeaders;
    }

    public UUID deliveryId() {
        return deliveryId;
    }

    public int number() {
        return number;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public int durationMillis() {
        return durationMillis;
    }

    public Integer statusCode() {
        return statusCode;
    }

    public String error() {
        return error;
    }

    public String responseExcerpt() {
        return responseExcerpt;
    }

    public String requestHeaders() {
        return requestHeaders;
    }
}
