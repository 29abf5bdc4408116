package org.ledger.app.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the per-user write rate limit to POST, PUT, PATCH and DELETE under {@code /api}, keyed by the
 * authenticated user name (never by an address or header a client can rotate freely). It runs after Spring
 * Security (so the user is known; unauthenticated writes were already answered 401) and before the controller reads
 * the body: a refused write answers 429 with {@code Retry-After} and sends no command. Reads are never limited.
 */
public class WriteRateLimitInterceptor implements HandlerInterceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final WriteRateLimiter limiter;

    public WriteRateLimitInterceptor(WriteRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!WRITES.contains(request.getMethod())) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return true; // Spring Security answers these; nothing to count
        }
        WriteRateLimiter.Decision decision = limiter.tryWrite(authentication.getName());
        if (!decision.allowed()) {
            throw new TooManyWrites(decision.retryAfterSeconds());
        }
        return true;
    }

    /** 429 with {@code Retry-After}, answered as a problem detail by ProblemDetailsAdvice like any ErrorResponse. */
    static final class TooManyWrites extends ErrorResponseException {

        TooManyWrites(long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many writes from this user: retry after " + retryAfterSeconds + " s "
                            + "(ledger.limits.writes). Nothing was changed."), null);
            getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
    }
}
