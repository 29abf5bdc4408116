package org.ledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One simulated client's connection to the application: JSON requests signed in through {@link Auth}. Each client
 * has its own {@link HttpClient}, hence its own connections, as separate users' browsers or scripts would. (The
 * app's test helper HttpClientSupport lives in the app's test classes, which are not published, and knows only
 * HTTP Basic; the harness needs the token path too.)
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Auth auth;

    Http(int port, Auth auth) {
        this.base = "http://127.0.0.1:" + port;
        this.auth = auth;
    }

    /** An answer: status, body as text, and the body as JSON when it is JSON. */
    record Answer(int status, String raw) {

        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return raw == null || raw.isEmpty() ? null : JSON.readTree(raw);
            } catch (IOException notJson) {
                return null;
            }
        }

        long version() {
            JsonNode json = json();
            return json == null || !json.has("version") ? -1 : json.get("version").asLong();
        }
    }

    Answer get(String user, String path) {
        return send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Answer put(String user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    /** Uploads a small UTF-8 text file as part {@code file}, with the form field {@code id}. */
    Answer uploadText(String user, String path, String id, String fileName, String text) {
        String boundary = "bench" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        return send(user, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Streams the body away, counting bytes: for exports. Answers the status; the byte count as raw text. */
    Answer download(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5)).GET();
        if (user != null) {
            request.header("Authorization", auth.header(user));
        }
        try {
            HttpResponse<java.io.InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            try (java.io.InputStream in = response.body()) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                }
            }
            return new Answer(response.statusCode(), Long.toString(bytes));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends with the given raw Authorization header (null: none); for {@link Auth} itself. */
    Answer postWithHeader(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request);
    }

    private Answer send(String user, HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", auth.header(user));
        }
        Answer answer = exchange(request.timeout(Duration.ofSeconds(60)));
        if (answer.status() == 401 && user != null && auth.renew(user)) {
            request.setHeader("Authorization", auth.header(user));
            answer = exchange(request);
        }
        return answer;
    }

    private Answer exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body == null ? Map.of() : body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
