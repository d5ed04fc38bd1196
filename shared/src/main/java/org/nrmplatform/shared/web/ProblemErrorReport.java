package org.nrmplatform.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's answer to requests it refuses before any service code runs (a malformed request line, a
 * character not allowed in a URL, an encoded NUL or '/', headers over the size limit): a problem instead of
 * Tomcat's HTML page, so that a caller parses every refusal the same way.
 */
public class ProblemErrorReport extends ErrorReportValve {

    /** Puts this report in place of the host's HTML error report. */
    static void install(Host host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ProblemErrorReport());
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(ProblemErrorReport.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                // Tomcat's report writer, not the servlet response: no filter ran, so no instance or correlation id
                writer.write(new String(ProblemWriter.body(ProblemWriter.problem(HttpStatusCode.valueOf(status),
                        detail(status)), null, null), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException tooLate) {
            // the connection is gone or the answer already started: nothing more can be sent
        }
    }

    private static String detail(int status) {
        if (status == 400) {
            return "The request could not be read: its request line, URL or headers are malformed (for example a "
                    + "character not allowed in a URL, an encoded NUL or '/', or headers larger than allowed)";
        }
        if (status >= 500) {
            return "An unexpected error occurred before the request reached the service";
        }
        return "The server refused the request before it reached the service";
    }
}
