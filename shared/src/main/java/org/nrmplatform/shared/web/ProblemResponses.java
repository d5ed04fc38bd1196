package org.nrmplatform.shared.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.validation.ConstraintViolationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * Turns every failure a client can cause into an RFC 9457 problem that names what was wrong, and
 * everything else into a 500 problem that leaks nothing but the correlation id to quote.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /**
     * What a caller is told to wait before retrying while the store or a service it needs is unreachable
     * (README, "Recovery").
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** One field at fault, as listed in a problem's {@code errors}. */
    public record FieldProblem(String field, String message) {
    }

    /** The one place that says how each kind of refusal the domain knows is answered over HTTP. */
    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation e, WebRequest request) {
        HttpStatus status = switch (e.kind()) {
            case STATE_DOES_NOT_ALLOW -> HttpStatus.CONFLICT;
            case RULE_NOT_MET -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        String title = switch (e.kind()) {
            case STATE_DOES_NOT_ALLOW -> "Not possible in the current state";
            case RULE_NOT_MET -> "Rule of the process not met";
        };
        ProblemDetail problem = problem(status, title, e.getMessage());
        if (e.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        }
        return handleExceptionInternal(e, problem, new HttpHeaders(), status, request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found",
                "No record with id " + e.getAggregateIdentifier());
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
    }

    /** The id belongs to a record of another kind (a case id sent to a referral, say): no such record here. */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<Object> otherKindOfRecord(IncompatibleAggregateException e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", "No record of this kind with the id given");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
    }

    /** Another change to the same record was stored first: the caller should reload and retry. */
    @ExceptionHandler({ConcurrencyException.class, ConflictingAggregateVersionException.class,
            AggregateStreamCreationException.class})
    ResponseEntity<Object> concurrentChange(RuntimeException e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Concurrent change",
                "The record was changed by another request at the same time; reload it and try again");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
                "'" + e.getName() + "' has an invalid value: " + e.getValue());
        problem.setProperty("errors", List.of(new FieldProblem(e.getName(), "invalid value")));
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, WebRequest request) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return invalid(e, errors, request);
    }

    /**
     * The store is down, restarting or paused (the driver found no server in time, or a connection broke or timed
     * out), however Axon or Spring wrapped it; also any failure of the event store engine. Answered at once with
     * a 503 and when to try again, rather than a hang or a 500; the driver reconnects by itself.
     */
    @ExceptionHandler({EventStoreException.class, MongoTimeoutException.class, MongoSocketException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<Object> storeUnavailable(Exception e, WebRequest request) {
        if (storeUnreachable(e)) {
            log.warn("Store unreachable handling {}: {}", request.getDescription(false), rootCause(e).toString());
        } else {
            log.error("Event store failure", e);
        }
        ProblemDetail problem = storeUnavailableProblem();
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        return handleExceptionInternal(e, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /** Thrown by an endpoint's {@code @PreAuthorize} when the caller's role may not call it. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        if (storeUnreachable(e)) {
            return storeUnavailable(e, request); // wrapped by a command handler, a unit of work, a future
        }
        log.error("Unexpected failure handling {}", request.getDescription(false), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "An unexpected error occurred; quote the correlation id when reporting it");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        return invalid(e, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        error instanceof FieldError fieldError ? fieldError.getField()
                                : result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage())))
                .toList();
        return invalid(e, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldProblem error = e.getCause() instanceof JacksonException jackson ? unreadable(jackson)
                : new FieldProblem(null, "The request body is missing or is not valid JSON");
        return unreadableProblem(e, "Unreadable request body", error, headers, request);
    }

    /** JSON a service reads itself, such as a transnational referral packet: the same answer as for a body. */
    @ExceptionHandler(UnreadableJson.class)
    ResponseEntity<Object> unreadableJson(UnreadableJson e, WebRequest request) {
        FieldProblem error = e.jacksonCause() != null ? unreadable(e.jacksonCause())
                : new FieldProblem(null, e.getMessage());
        if (error.field() == null && e.jacksonCause() != null) {
            error = new FieldProblem(null, "Not " + e.what() + ": " + error.message());
        }
        return unreadableProblem(e, "Unreadable " + e.what(), error, new HttpHeaders(), request);
    }

    /** A range such as {@code *}{@code /*} or an unknown type: say what to send instead. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = e.getContentType() != null ? "'" + e.getContentType() + "'" : "The Content-Type sent";
        String supported = e.getSupportedMediaTypes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                : e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = problem(status, "Unsupported content type",
                sent + " is not a content type this endpoint reads; send " + supported);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> unreadableProblem(Exception e, String title, FieldProblem error,
                                                     HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title,
                error.field() == null ? error.message() : "'" + error.field() + "': " + error.message());
        if (error.field() != null) {
            problem.setProperty("errors", List.of(error));
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            CorrelationId.current().ifPresent(id -> problem.setProperty("correlationId", id));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> invalid(Exception e, List<FieldProblem> errors, WebRequest request) {
        String detail = errors.stream().map(error -> "'" + error.field() + "' " + error.message())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** The 503 while the store is unreachable; also written by {@link StoreOutage} for the filters' failures. */
    public static ProblemDetail storeUnavailableProblem() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable",
                "The data store could not be reached; try again shortly. A change may or may not have been "
                        + "stored: read the record before repeating it.");
    }

    /** Anywhere in the cause chain: the driver found no server in time, or a connection failed or timed out. */
    public static boolean storeUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        return ProblemWriter.problem(status, title, detail);
    }

    /**
     * Names the field and what was expected in the caller's terms (text, number, one of the codes...), never
     * the parser's message: that names Java classes and packages.
     */
    private static FieldProblem unreadable(JacksonException cause) {
        String field = path(cause);
        if (cause instanceof UnrecognizedPropertyException) {
            return new FieldProblem(field, "is not a known field");
        }
        if (cause instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (format.getValue() instanceof String text && text.indexOf('\u0000') >= 0) {
                return new FieldProblem(field, JsonInput.NUL_REFUSED);
            }
            String expected = target != null && target.isEnum()
                    ? "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString).toList()
                    : expected(target);
            return new FieldProblem(field, "'" + format.getValue() + "' is not " + expected);
        }
        if (cause instanceof MismatchedInputException mismatch && field != null) {
            Class<?> target = mismatch.getTargetType();
            return new FieldProblem(field, "expected " + (target != null && target.isEnum()
                    ? "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString).toList()
                    : expected(target)));
        }
        if (field != null) {
            return new FieldProblem(field, "has an invalid value");
        }
        return new FieldProblem(null, cause instanceof MismatchedInputException
                ? "The JSON does not have the expected shape (an object with the documented fields)"
                : "The request body is not valid JSON");
    }

    private static final Map<Class<?>, String> EXPECTED = Map.of(
            Instant.class, "an ISO-8601 UTC timestamp, e.g. 2026-01-31T09:30:00Z",
            LocalDate.class, "an ISO-8601 date, e.g. 2026-01-31",
            UUID.class, "a UUID",
            String.class, "text (a JSON string)",
            Boolean.class, "true or false",
            boolean.class, "true or false");

    /** What a value of the type looks like in JSON, in words that name no Java class. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        String known = EXPECTED.get(type);
        if (known != null) {
            return known;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String lastNode(String propertyPath) {
        return propertyPath.substring(propertyPath.lastIndexOf('.') + 1);
    }
}
