package org.ledger.query.projection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses reads of a projection that is being rebuilt with 503, a problem detail and {@code Retry-After}: a
 * ledger half-way through its replay would look complete and be wrong, which is worse than no answer for an
 * auditor. The paths of each projection are in {@link RebuildableProjections}.
 */
public class LedgerRebuildGuard implements HandlerInterceptor {

    /** Seconds a client should wait before asking again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ProjectionStatus status;
    private final ObjectMapper json;

    public LedgerRebuildGuard(ProjectionStatus status, ObjectMapper json) {
        this.status = status;
        this.json = json;
    }

    /** Writes the 503 itself (the problem-details advice would replace an exception's detail with the title). */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return true; // commands never read a projection
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> group = RebuildableProjections.groupServing(path);
        if (group.isEmpty() || !status.isRebuilding(group.get())) {
            return true;
        }
        ProblemDetail problem = rebuilding(group.get());
        problem.setInstance(URI.create(path));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem);
        return false;
    }

    static ProblemDetail rebuilding(String group) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "ledger " + group + " is being rebuilt; retry in a few seconds");
        problem.setTitle("Ledger being rebuilt");
        problem.setProperty("projection", group);
        return problem;
    }
}
