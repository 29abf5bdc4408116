package org.ledger.app.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code BasicErrorController}: errors that happen outside a controller (a filter, the
 * servlet container, {@code response.sendError}) also answer as a problem detail, never as Spring's whitelabel
 * page or its {@code {timestamp, error, path}} JSON. The detail is generic; the exception, if any, has been
 * logged where it happened.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setTitle(status.getReasonPhrase());
        body.setDetail(switch (status) {
            case NOT_FOUND -> "No resource at this path.";
            case UNAUTHORIZED -> "Authentication is required: send HTTP Basic credentials of a ledger account.";
            case FORBIDDEN -> "Your roles do not allow this request.";
            case PAYLOAD_TOO_LARGE -> "The request is too large.";
            case INTERNAL_SERVER_ERROR -> "The server could not complete the request. The error has been logged; "
                    + "quote the X-Correlation-Id response header when reporting it.";
            default -> status.getReasonPhrase();
        });
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        body.setInstance(uri(uri instanceof String path ? path : request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** The request path as a problem's {@code instance}; null if the client sent a path that is no URI. */
    static URI uri(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null && status.isError()) {
                return status;
            }
        }
        // Asked for directly (GET /error): there is no resource here.
        return code == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
