package io.issuehooks.security;

import io.issuehooks.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The cipher of webhook secrets, built once from the server key ({@link ServerKey}). */
@ApplicationScoped
public class SecurityProducers {

    @Produces
    @Singleton
    SecretCipher secretCipher(Settings settings) {
        return new SecretCipher(ServerKey.load(settings));
    }
}
