package org.ledger.app.limits;

import java.io.IOException;

/**
 * Thrown while a request body is read, as soon as it grows past {@code ledger.limits.request-body}: an
 * {@link IOException}, so that whatever reads the body (Jackson, a converter) gives up at once; ProblemDetailsAdvice
 * answers 413 for it, also when a message converter wrapped it.
 */
public class RequestBodyTooLarge extends IOException {

    private final long limit;

    public RequestBodyTooLarge(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The detail a client reads in the 413 answer. */
    public static String detail(long limit) {
        return "The request body is larger than the limit of " + limit + " bytes (ledger.limits.request-body). "
                + "Evidence files are uploaded as multipart/form-data, which has its own limit.";
    }

    /** This exception when it is {@code failure} or one of its causes; null otherwise. */
    public static RequestBodyTooLarge in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLarge tooLarge) {
                return tooLarge;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
