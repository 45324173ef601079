package io.issuehooks.client;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider. {@code jakarta.json.Json}'s static methods look the provider up through the service
 * loader on every call, which showed as a tenth of the CPU of a delivery; this looks it up once.
 */
public final class JsonSupport {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }
}
