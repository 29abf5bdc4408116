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

    /**
     * Uploads one file as {@code multipart/form-data}: part {@code file} with the given name and content type, plus
     * simple form fields (e.g. {@code id}).
     */
    public Answer upload(String user, String path, String fileName, String contentType, byte[] content,
                         Map<String, String> fields) {
        return upload(user, path, fileName, contentType, content, fields, Map.of());
    }

    /** {@link #upload(String, String, String, String, byte[], Map)} with extra request headers. */
    public Answer upload(String user, String path, String fileName, String contentType, byte[] content,
                         Map<String, String> fields, Map<String, String> headers) {
        String boundary = "----ledger-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        return execute(user, request, headers);
    }

    /** Small real files for evidence uploads: a minimal PNG and a minimal PDF. */
    public static byte[] png() {
        return java.util.HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                + "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");
    }

    public static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
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
        return execute(user, request, headers);
    }

    private Answer execute(String user, HttpRequest.Builder request, Map<String, String> headers) {
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
