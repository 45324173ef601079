package io.issuehooks.delivery.store;

import java.util.Locale;

/**
 * Pending until an attempt succeeds or the last one fails; a failed delivery is kept for replay. Skipped: the
 * event came while its webhook was disabled, so no request was made; {@code recover} sends it once the webhook is
 * enabled again, so that switching a webhook off loses nothing.
 */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED,
    SKIPPED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromJson(String value) {
        for (DeliveryStatus s : values()) {
            if (s.json().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
