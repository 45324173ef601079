package io.issuehooks.security;

import io.issuehooks.platform.ConfigValues;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Where the server key comes from: {@code ISSUEHOOKS_SECRET_KEY} (base64 of 32 bytes), or else a key generated
 * on first start and kept in the server's data directory, so a restart keeps decrypting. Servers that share a
 * database must share the key, which is what the setting is for.
 */
public final class ServerKey {

    /** The setting (a MicroProfile Config property); unset, the key is kept in the data directory. */
    public static final String SETTING = "issuehooks.secret.key";
    /** Set on the servers of a cluster (docs/operations.md): they share a database, and so must share the key. */
    public static final String BROKER_URL = "issuehooks.broker.url";
    private static final String VARIABLE = ConfigValues.environmentVariable(SETTING);
    private static final Logger LOG = Logger.getLogger(ServerKey.class.getName());

    private ServerKey() {
    }

    /** The key given by the setting, if it is set. */
    public static Optional<String> configured(Config config) {
        return ConfigValues.text(config, SETTING);
    }

    public static byte[] load(Config config) {
        Optional<String> configured = configured(config);
        if (configured.isEmpty() && ConfigValues.text(config, BROKER_URL).isPresent()) {
            // A node that made a key of its own could not decrypt the secrets the other nodes store, nor they its.
            throw new IllegalStateException(VARIABLE + " must be set on every server of a cluster ("
                    + ConfigValues.environmentVariable(BROKER_URL) + " is set), the same on all of them: a server cannot "
                    + "generate a key of its own there. Generate one with openssl rand -base64 32; see docs/operations.md");
        }
        return configured.map(ServerKey::decode).orElseGet(ServerKey::fromDataDirectory);
    }

    static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(VARIABLE + " must be the base64 of 32 random bytes (openssl rand -base64 32)");
        }
        return key;
    }

    private static byte[] fromDataDirectory() {
        Path file = Path.of(System.getProperty("jboss.server.data.dir", "."), "issuehooks", "secret.key");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the server key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "secret", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, Base64.getEncoder().encodeToString(key));
        try {
            Files.move(temp, file); // not REPLACE_EXISTING: a key another start wrote first wins
            LOG.warning("Generated a server key in " + file + "; set " + VARIABLE + " to share it between servers, and back it up");
        } catch (FileAlreadyExistsException e) {
            Files.delete(temp);
        }
    }
}
