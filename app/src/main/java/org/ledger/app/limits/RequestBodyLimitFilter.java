package org.ledger.app.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.ledger.app.security.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the body of every non-multipart request to {@code ledger.limits.request-body}, answering 413:
 *
 * <ul>
 *   <li>at once, before authentication, when the declared {@code Content-Length} is larger (nothing is read);</li>
 *   <li>otherwise (chunked bodies, or a client whose {@code Content-Length} lies) by counting the bytes as the
 *       application reads them: the read that crosses the limit throws {@link RequestBodyTooLarge}, so the body is
 *       never held in memory beyond the limit and no command is sent.</li>
 * </ul>
 *
 * <p>Multipart requests (evidence uploads) pass untouched: the servlet container parses them itself, bounded by
 * the multipart limits that follow {@code ledger.evidence.max-size} (EvidenceConfiguration).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final String MULTIPART = "multipart/";

    private final long limit;

    public RequestBodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, RequestBodyTooLarge.detail(limit));
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, limit), response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length());
    }

    /** The request with a body that refuses to be read past the limit. */
    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() has already been called for this request");
            }
            if (stream == null) {
                stream = new CountingInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (stream != null && reader == null) {
                throw new IllegalStateException("getInputStream() has already been called for this request");
            }
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(
                        new CountingInputStream(super.getInputStream(), limit), charset));
            }
            return reader;
        }
    }

    /** Counts the bytes read and throws {@link RequestBodyTooLarge} on the read that passes the limit. */
    private static final class CountingInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        CountingInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws RequestBodyTooLarge {
            count += n;
            if (count > limit) {
                throw new RequestBodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
