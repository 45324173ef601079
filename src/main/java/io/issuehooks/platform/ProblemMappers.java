package io.issuehooks.platform;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that reaches JAX-RS into problem+json. Details are written for the caller; stack
 * traces and internal messages stay in the server log, found again by the reference the caller is given.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class ForApiException implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return Problem.builder(e.status(), e.getMessage(), e.field()).build();
        }
    }

    /** JAX-RS's own refusals: unknown path, wrong method, wrong content type, bad parameter. */
    @Provider
    public static class ForWebApplicationException implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                return unexpected(e);
            }
            Response.ResponseBuilder problem = Problem.builder(status, detail(e, status), null);
            if (e instanceof NotAllowedException) {
                problem.header("Allow", original.getHeaderString("Allow"));
            }
            return problem.build();
        }

        private static String detail(WebApplicationException e, int status) {
            if (e instanceof NotSupportedException) {
                return "The request body must be sent as Content-Type: application/json";
            }
            return switch (status) {
                case 404 -> "No such resource";
                case 405 -> "This method is not allowed here";
                case 406 -> "Only application/json responses are available";
                default -> "The request is not valid";
            };
        }
    }

    @Provider
    public static class ForEverythingElse implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ApiException api) {
                    return new ForApiException().toResponse(api);
                }
                if (t instanceof OptimisticLockException) {
                    return Problem.response(409, "The resource was changed concurrently; read it again and retry");
                }
            }
            return unexpected(e);
        }
    }

    static Response unexpected(Throwable e) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Problem.response(500, "An unexpected error occurred; the server log has the details under reference " + reference);
    }
}
