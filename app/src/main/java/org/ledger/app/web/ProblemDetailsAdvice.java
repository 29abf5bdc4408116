package org.ledger.app.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.ledger.app.limits.QueryTimeouts;
import org.ledger.app.limits.RequestBodyTooLarge;
import org.ledger.command.access.AccessDenied;
import org.ledger.kernel.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a controller raises answers as an RFC 9457 problem detail (DESIGN.md §7) with {@code type},
 * {@code title}, {@code status}, {@code detail} and {@code instance}:
 *
 * <ul>
 *   <li>400 for malformed input, with {@code errors}: [{field, message}] where the field is known;</li>
 *   <li>401 / 403 for authentication and authorization failures raised inside controllers;</li>
 *   <li>404 for an unknown aggregate or path;</li>
 *   <li>409 naming the broken rule in {@code rule}: a {@link RuleViolation}, {@code AlreadyExists} for a create
 *       with an id that is taken, {@code ConcurrentModification} for a lost race;</li>
 *   <li>412 for a stale {@code If-Match};</li>
 *   <li>413 for a body over {@code ledger.limits.request-body} ({@link RequestBodyTooLarge}) or an upload over
 *       {@code ledger.evidence.max-size}; 429 with {@code Retry-After} for a write over the user's rate
 *       (an ErrorResponse of org.ledger.app.limits);</li>
 *   <li>503 with {@code Retry-After} for a read that ran past {@code ledger.limits.query-timeout-seconds}: the
 *       request was fine, the server could not answer it in time (README, "Limits");</li>
 *   <li>500 for anything else, with a generic detail: the exception is logged, never shown (no stack trace,
 *       SQL or class name reaches the client).</li>
 * </ul>
 *
 * <p>Extending {@link ResponseEntityExceptionHandler} turns Spring MVC's own exceptions (unsupported media
 * type, method not allowed, missing parameter, no resource, upload too large …) into problem details too.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** The rule a create breaks when the client-supplied id is already taken. */
    public static final String ALREADY_EXISTS = "AlreadyExists";
    /** The rule a command breaks when another command changed the same aggregate at the same moment. */
    public static final String CONCURRENT_MODIFICATION = "ConcurrentModification";

    private final int queryTimeoutSeconds;

    public ProblemDetailsAdvice(@Value("${ledger.limits.query-timeout-seconds:10}") int queryTimeoutSeconds) {
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation e, WebRequest request) {
        return rule(HttpStatus.CONFLICT, e.ruleName(), e.getMessage(), request);
    }

    /** A command-side access rule refused the actor (DESIGN.md §6): 403 naming the rule, nothing changed. */
    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<Object> accessRule(AccessDenied e, WebRequest request) {
        return rule(HttpStatus.FORBIDDEN, e.ruleName(), e.getMessage(), request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "No resource with id " + e.getAggregateIdentifier() + " exists.",
                request);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Object> staleVersion(ConflictingAggregateVersionException e, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "If-Match names version " + e.getExpectedVersion() + " but the resource is at version "
                        + e.getActualVersion() + ": read it again and retry.");
        body.setProperty("currentVersion", e.getActualVersion());
        return respond(body, request);
    }

    /** A create whose id is taken: the event store refused a second stream with the same aggregate id. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Object> alreadyExists(AggregateStreamCreationException e, WebRequest request) {
        return rule(HttpStatus.CONFLICT, ALREADY_EXISTS, "A resource with this id already exists.", request);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrentModification(ConcurrencyException e, WebRequest request) {
        return rule(HttpStatus.CONFLICT, CONCURRENT_MODIFICATION,
                "Another change to this resource happened at the same time; read it again and retry.", request);
    }

    /** A command handled on another node: the known causes travel as the cause or the details. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> remoteCommand(CommandExecutionException e, WebRequest request) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof Exception known && !(cause instanceof CommandExecutionException)) {
            return dispatch(known, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, WebRequest request) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> String.valueOf(v.getPropertyPath())))
                .map(v -> fieldError(leaf(v), v.getMessage()))
                .toList();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, summary(errors));
        body.setProperty("errors", errors);
        return respond(body, request);
    }

    /** Typed ids and value objects refuse malformed values with an IllegalArgumentException: the input's fault. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegalArgument(IllegalArgumentException e, WebRequest request) {
        log.debug("Refused an argument", e);
        return problem(HttpStatus.BAD_REQUEST, safeMessage(e.getMessage(), "The request has an invalid value."),
                request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e, WebRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Your roles do not allow this request.", request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Authentication is required: send HTTP Basic credentials of a ledger account.");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ledger\"");
        return handleExceptionInternal(e, body, headers, HttpStatus.UNAUTHORIZED, request);
    }

    /** A body that grew past the limit while it was read, where no message converter wrapped it. */
    @ExceptionHandler(RequestBodyTooLarge.class)
    ResponseEntity<Object> bodyTooLarge(RequestBodyTooLarge e, WebRequest request) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, RequestBodyTooLarge.detail(e.limit()), request);
    }

    /**
     * A read that ran out of time: 503 with {@code Retry-After}, not a 4xx (the request was valid) and not a 500
     * (nothing is broken; the database was too busy or the data too large to answer within the bound).
     */
    @ExceptionHandler({org.springframework.dao.QueryTimeoutException.class,
            org.springframework.transaction.TransactionTimedOutException.class,
            jakarta.persistence.QueryTimeoutException.class})
    ResponseEntity<Object> queryTimeout(Exception e, WebRequest request) {
        log.warn("A read ran past {} s answering {}: {}", queryTimeoutSeconds, describe(request), e.toString());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                QueryTimeouts.detail(queryTimeoutSeconds));
        complete(body, request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(queryTimeoutSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) throws Exception {
        if (QueryTimeouts.isTimeout(e)) {
            return queryTimeout(e, request);
        }
        log.error("Unexpected error answering {}", describe(request), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not complete the request. The error has been logged; "
                        + "quote the X-Correlation-Id response header when reporting it.", request);
    }

    // ----- Spring MVC's own exceptions -----

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, summary(errors));
        body.setProperty("errors", errors);
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : name;
                errors.add(fieldError(field, error.getDefaultMessage()));
            }
        });
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, summary(errors));
        body.setProperty("errors", errors);
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestBodyTooLarge tooLarge = RequestBodyTooLarge.in(e);
        if (tooLarge != null) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    RequestBodyTooLarge.detail(tooLarge.limit()));
            return handleExceptionInternal(e, body, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail body = unreadable(e.getCause());
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : e.getPropertyName();
        String message = "'" + abbreviate(String.valueOf(e.getValue())) + "' is not a valid "
                + describeType(e.getRequiredType());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                (name == null ? "" : name + ": ") + message);
        if (name != null) {
            body.setProperty("errors", List.of(fieldError(name, message)));
        }
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Gives every problem its {@code instance} and the problem media type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        Object problem = body;
        if (problem == null) {
            // ResponseStatusException and Spring's other ErrorResponses carry their own detail (our reasons)
            problem = e instanceof ErrorResponse error ? error.getBody() : ProblemDetail.forStatus(status);
        }
        if (problem instanceof ProblemDetail detail) {
            complete(detail, request);
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(e, problem, headers, status, request);
        if (response == null) {
            return null; // the response was already committed
        }
        HttpHeaders out = new HttpHeaders();
        out.putAll(response.getHeaders());
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(response.getBody(), out, response.getStatusCode());
    }

    // ----- helpers -----

    private ResponseEntity<Object> dispatch(Exception cause, WebRequest request) throws Exception {
        if (cause instanceof RuleViolation e) {
            return ruleViolation(e, request);
        }
        if (cause instanceof AccessDenied e) {
            return accessRule(e, request);
        }
        if (cause instanceof AggregateNotFoundException e) {
            return notFound(e, request);
        }
        if (cause instanceof ConflictingAggregateVersionException e) {
            return staleVersion(e, request);
        }
        if (cause instanceof AggregateStreamCreationException e) {
            return alreadyExists(e, request);
        }
        if (cause instanceof ConcurrencyException e) {
            return concurrentModification(e, request);
        }
        if (cause instanceof IllegalArgumentException e) {
            return illegalArgument(e, request);
        }
        return unexpected(cause, request);
    }

    private ResponseEntity<Object> rule(HttpStatus status, String rule, String detail, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle("Rule violated: " + rule);
        body.setProperty("rule", rule);
        return respond(body, request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, WebRequest request) {
        return respond(ProblemDetail.forStatusAndDetail(status, detail), request);
    }

    private ResponseEntity<Object> respond(ProblemDetail body, WebRequest request) {
        complete(body, request);
        return ResponseEntity.status(body.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static void complete(ProblemDetail body, WebRequest request) {
        if (body.getInstance() == null) {
            String path = path(request);
            if (path != null) {
                body.setInstance(ProblemErrorController.uri(path));
            }
        }
        if (body.getTitle() == null) {
            HttpStatus status = HttpStatus.resolve(body.getStatus());
            body.setTitle(status != null ? status.getReasonPhrase() : "Error");
        }
        if (body.getDetail() == null) {
            body.setDetail(body.getTitle());
        }
    }

    private static String path(WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest) {
            HttpServletRequest servlet = nativeRequest.getNativeRequest(HttpServletRequest.class);
            if (servlet != null) {
                return servlet.getRequestURI();
            }
        }
        return null;
    }

    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            return servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI();
        }
        return request.getDescription(false);
    }

    /** A readable 400 for a body Jackson could not read, naming the field where Jackson knows it. */
    private static ProblemDetail unreadable(Throwable cause) {
        String field = null;
        String message;
        if (cause instanceof JsonMappingException mapping) {
            field = path(mapping);
        }
        if (cause instanceof JsonParseException) {
            message = "The request body is not well-formed JSON.";
        } else if (cause instanceof InvalidFormatException invalid) {
            message = "'" + abbreviate(String.valueOf(invalid.getValue())) + "' is not a valid "
                    + describeType(invalid.getTargetType());
        } else if (cause instanceof UnrecognizedPropertyException unrecognized) {
            message = "is not a known property";
            field = field == null ? unrecognized.getPropertyName() : field;
        } else if (cause instanceof ValueInstantiationException instantiation) {
            Throwable root = instantiation.getCause() != null ? instantiation.getCause() : instantiation;
            message = safeMessage(root.getMessage(), "is not a valid value");
        } else if (cause instanceof MismatchedInputException mismatched) {
            message = mismatched.getTargetType() != null
                    ? "must be " + describeType(mismatched.getTargetType())
                    : "has the wrong shape";
        } else if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException iae) {
            message = safeMessage(iae.getMessage(), "is not a valid value");
        } else if (cause == null) {
            message = "The request body is missing or unreadable.";
        } else {
            message = "The request body could not be read.";
        }
        String detail = field == null || field.isEmpty() ? message : field + ": " + message;
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (field != null && !field.isEmpty()) {
            body.setProperty("errors", List.of(fieldError(field, message)));
        }
        return body;
    }

    /** The JSON path of the failing value, e.g. {@code scores[0].itemId}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A type as clients know it: the values of an enum, the format of a date, or a plain word. */
    private static String describeType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "value; expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == java.time.LocalDate.class) {
            return "date; expected yyyy-MM-dd";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "date-time; expected ISO-8601 such as 2025-06-30T08:00:00Z";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type.isRecord() && type.getRecordComponents().length == 1) {
            return "identifier";
        }
        return "value";
    }

    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static String summary(List<Map<String, String>> errors) {
        if (errors.isEmpty()) {
            return "The request is invalid.";
        }
        return "The request is invalid: " + errors.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
    }

    private static String leaf(ConstraintViolation<?> violation) {
        String path = String.valueOf(violation.getPropertyPath());
        // "register.request.title" -> "request.title": drop the method name of method-level validation
        int dot = path.indexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }

    /** Our own messages are fine to show; anything that looks like a class name or SQL is not. */
    private static String safeMessage(String message, String fallback) {
        if (message == null || message.isBlank() || message.length() > 300
                || message.matches("(?s).*\\b(java|javax|jakarta|org|com)\\.[a-z]+\\..*")
                || message.matches("(?is).*\\b(select|insert|update|delete)\\b.*\\b(from|into|set)\\b.*")) {
            return fallback;
        }
        return message;
    }
}
