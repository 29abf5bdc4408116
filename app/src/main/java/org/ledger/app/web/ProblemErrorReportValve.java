package org.ledger.app.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.ledger.app.security.ProblemResponses;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report, as a problem detail instead of Tomcat's HTML page, for the errors Tomcat answers itself
 * before the application sees the request: request headers larger than {@code server.max-http-request-header-size}
 * (8KB), a malformed request line, characters a URI may not hold. Errors of the application already carry their
 * body (ProblemDetailsAdvice, ProblemErrorController); this valve writes only where nothing has been written yet,
 * as Tomcat's own valve does.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** Installs the valve on the host of {@code context}, in place of Tomcat's (and Spring Boot's) HTML one. */
    static void install(Container context) {
        Container host = context.getParent();
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new ProblemErrorReportValve());
        if (host instanceof StandardHost standardHost) {
            // else the host adds Tomcat's default valve again when it starts
            standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String detail = status == HttpStatus.BAD_REQUEST
                ? "The server could not read the request: its request line or headers are malformed or too large "
                        + "(request headers are limited to server.max-http-request-header-size, 8KB by default)."
                : status != null ? status.getReasonPhrase() : "Error";
        try {
            response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemResponses.json(code, status != null ? status.getReasonPhrase() : "Error", detail,
                        request.getRequestURI()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response was committed meanwhile: nothing more to tell the client
        }
    }
}
