package io.issuehooks.delivery;

import java.util.Locale;

/** Pending until an attempt succeeds or the last one fails; a failed delivery is kept for replay. */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

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
