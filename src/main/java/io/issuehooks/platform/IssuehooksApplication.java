package io.issuehooks.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every resource lives under {@code /api}; the versioned and the unversioned paths are both served. */
@ApplicationPath("/api")
public class IssuehooksApplication extends Application {
}
