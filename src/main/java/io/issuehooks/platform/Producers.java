package io.issuehooks.platform;

import io.issuehooks.security.SecretCipher;
import io.issuehooks.security.ServerKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/**
 * The application's CDI producers, in one place: objects built from settings once per application. They are
 * {@code @Singleton} (no client proxy) because they are immutable and have no no-argument constructor.
 */
@ApplicationScoped
public class Producers {

    @Produces
    @Singleton
    SecretCipher secretCipher(Settings settings) {
        return new SecretCipher(ServerKey.load(settings));
    }
}
