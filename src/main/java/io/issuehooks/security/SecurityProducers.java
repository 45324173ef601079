package io.issuehooks.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** The cipher of webhook secrets, built once from the server key ({@link ServerKey}). */
@ApplicationScoped
public class SecurityProducers {

    @Produces
    @Singleton
    SecretCipher secretCipher(Config config) {
        return new SecretCipher(ServerKey.load(config));
    }
}
