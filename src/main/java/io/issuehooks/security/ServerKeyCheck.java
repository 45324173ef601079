package io.issuehooks.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Stops the deployment when the server key cannot decrypt the stored webhook secrets (a server started with
 * another ISSUEHOOKS_SECRET_KEY, or a data directory that lost its key file), instead of failing every delivery.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class ServerKeyCheck {

    @Resource(lookup = "java:jboss/datasources/IssuehooksDS")
    DataSource db;

    @Inject
    SecretCipher cipher;

    @PostConstruct
    void check() {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select id, secret from webhook order by created_at desc limit 1");
                ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                cipher.decrypt(rs.getString(2), rs.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the webhook secrets to check the server key", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The server key does not decrypt the stored webhook secrets. Start the server "
                    + "with the key they were encrypted with (ISSUEHOOKS_SECRET_KEY, or the data directory's "
                    + "issuehooks/secret.key); see docs/operations.md", e);
        }
    }
}
