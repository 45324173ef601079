package io.issuehooks.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;

/**
 * A parsed request checked against its Bean Validation constraints: the first violation, by field name, is a 400
 * problem naming the field, like every other refusal of the API. (The JSON itself is checked while it is read, by
 * {@link JsonRequest}; Bean Validation would not see duplicate keys or count code points.)
 */
@ApplicationScoped
public class RequestValidation {

    @Inject
    Validator validator;

    public <T> T check(T request) {
        validator.validate(request).stream()
                .min(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw ApiException.invalid(v.getPropertyPath().toString(), v.getMessage());
                });
        return request;
    }
}
