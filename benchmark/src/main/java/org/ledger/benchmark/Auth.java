package org.ledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the harness signs its requests in. With HTTP Basic every request pays the server a bcrypt check (~80 ms of
 * CPU on these machines), which alone caps the throughput; issue 9 asks for a way in that does not. When the
 * application offers {@code POST /api/auth/token} (HTTP Basic in, {@code {"access_token", "token_type":"Bearer",
 * "expires_in"}} out) the harness signs in once per user and sends the bearer token; otherwise it falls back to
 * HTTP Basic. The table header says which one was measured.
 */
abstract class Auth {

    static final String TOKEN_PATH = "/api/auth/token";

    /** The Authorization header for the user. */
    abstract String header(String user);

    /** After a 401: get a fresh credential if that can help; false when it cannot. */
    abstract boolean renew(String user);

    /** What the table header prints. */
    abstract String describe();

    /** Tries the token endpoint as {@code probeUser}; a 200 with a token means tokens, anything else Basic. */
    static Auth detect(int port, Map<String, String> passwords, String probeUser) {
        Basic basic = new Basic(passwords);
        Http http = new Http(port, basic);
        Http.Answer answer = http.postWithHeader(TOKEN_PATH, basic.header(probeUser));
        JsonNode json = answer.status() == 200 ? answer.json() : null;
        if (json != null && json.hasNonNull("access_token")) {
            return new Tokens(http, basic);
        }
        basic.reason = "POST " + TOKEN_PATH + " answered " + answer.status();
        return basic;
    }

    /** HTTP Basic on every request: the server checks the bcrypt hash every time. */
    static final class Basic extends Auth {

        private final Map<String, String> headers = new ConcurrentHashMap<>();
        private String reason = "";

        Basic(Map<String, String> passwords) {
            passwords.forEach((user, password) -> headers.put(user, "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
        }

        @Override
        String header(String user) {
            String header = headers.get(user);
            if (header == null) {
                throw new IllegalArgumentException("no benchmark account " + user);
            }
            return header;
        }

        @Override
        boolean renew(String user) {
            return false;
        }

        @Override
        String describe() {
            return "HTTP Basic, bcrypt checked on every request (" + reason + ")";
        }
    }

    /** Bearer tokens from the token endpoint, one per user, renewed before they expire or after a 401. */
    static final class Tokens extends Auth {

        private record Token(String header, long expiresAtNanos) {
        }

        private final Http http;
        private final Basic basic;
        private final Map<String, Token> tokens = new ConcurrentHashMap<>();

        Tokens(Http http, Basic basic) {
            this.http = http;
            this.basic = basic;
        }

        @Override
        String header(String user) {
            Token token = tokens.get(user);
            if (token == null || System.nanoTime() > token.expiresAtNanos()) {
                token = fetch(user);
            }
            return token.header();
        }

        @Override
        boolean renew(String user) {
            fetch(user);
            return true;
        }

        private synchronized Token fetch(String user) {
            Http.Answer answer = http.postWithHeader(TOKEN_PATH, basic.header(user));
            JsonNode json = answer.json();
            if (answer.status() != 200 || json == null || !json.hasNonNull("access_token")) {
                throw new IllegalStateException("token endpoint answered " + answer.status() + " for " + user);
            }
            long seconds = json.path("expires_in").asLong(300);
            // renew at 80 % of the lifetime, so no request travels with a token about to expire
            Token token = new Token("Bearer " + json.get("access_token").asText(),
                    System.nanoTime() + seconds * 800_000_000L);
            tokens.put(user, token);
            return token;
        }

        @Override
        String describe() {
            return "bearer tokens from POST " + TOKEN_PATH + " (one bcrypt check per user and token lifetime)";
        }
    }
}
