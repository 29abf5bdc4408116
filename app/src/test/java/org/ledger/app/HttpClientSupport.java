package org.ledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small JSON-over-HTTP client for tests that talk to the application over a real socket. */
public final class HttpClientSupport {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public HttpClientSupport(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** One answer: status, headers we look at, and the body as JSON (null when empty or not JSON). */
    public record Answer(int status, String etag, String location, String contentType, JsonNode body, String raw) {

        public String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    public Answer get(String user, String path) {
        return send(user, "GET", path, null, Map.of());
    }

    public Answer post(String user, String path, Object body) {
        return send(user, "POST", path, body, Map.of());
    }

    public Answer post(String user, String path, Object body, String ifMatch) {
        return send(user, "POST", path, body, Map.of("If-Match", ifMatch));
    }

    public Answer put(String user, String path, Object body) {
        return send(user, "PUT", path, body, Map.of());
    }

    /** Sends raw text as the JSON body (for malformed input). */
    public Answer postRaw(String user, String path, String rawJson) {
        return exchange(user, "POST", path, rawJson, Map.of());
    }

    public Answer send(String user, String method, String path, Object body, Map<String, String> headers) {
        try {
            String json = body == null ? null : JSON.writeValueAsString(body);
            return exchange(user, method, path, json, headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer exchange(String user, String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Accept", "application/json, application/problem+json");
        if (user != null) {
            // Test accounts use their user name as password.
            String token = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        new LinkedHashMap<>(headers).forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String raw = response.body();
            JsonNode node = null;
            if (raw != null && !raw.isBlank() && (raw.startsWith("{") || raw.startsWith("["))) {
                node = JSON.readTree(raw);
            }
            return new Answer(response.statusCode(),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null),
                    node, raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
