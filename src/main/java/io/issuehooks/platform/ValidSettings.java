package io.issuehooks.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a capability's settings record against its Bean Validation constraints before anything is built from it:
 * a value that parses but makes no sense (no concurrency, a zero timeout) stops the start like a malformed one,
 * with the constraints' messages, which name the setting's environment variable.
 */
public final class ValidSettings {

    private ValidSettings() {
    }

    public static <T> T check(Validator validator, T settings) {
        Set<String> problems = new TreeSet<>(); // a record component's constraint is seen on its field and accessor
        for (ConstraintViolation<T> v : validator.validate(settings)) {
            problems.add(v.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return settings;
    }
}
