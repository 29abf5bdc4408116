package org.ledger.app.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Exchanges a password sign-in for a short-lived access token ({@link AccessTokens}). */
@RestController
@Profile("!" + SecurityConfiguration.JWT_PROFILE)
@Tag(name = "Signing in", description = "Access tokens of the embedded default")
class AccessTokenController {

    private final AccessTokens tokens;

    AccessTokenController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The answer, in the field names of RFC 6749 §5.1 that HTTP clients and Swagger UI know. */
    record TokenResponse(
            @Schema(description = "Send it as `Authorization: Bearer <token>`", example = "eyJhbGciOiJIUzI1NiJ9.e30.x")
            @JsonProperty("access_token") String accessToken,
            @Schema(example = "Bearer") @JsonProperty("token_type") String tokenType,
            @Schema(description = "Seconds the token is accepted", example = "900")
            @JsonProperty("expires_in") long expiresIn) {
    }

    @PostMapping(path = "/api/auth/token", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Exchange your password (HTTP Basic) for a bearer token",
            description = "Checks the password once and answers a token valid for `expires_in` seconds; send it as "
                    + "`Authorization: Bearer …` instead of the password. Roles and unit are read from the account "
                    + "on every request. Only a password sign-in obtains a token (not another token).")
    TokenResponse issue(Authentication authentication) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "A token is issued for a password sign-in only: send HTTP Basic credentials.");
        }
        AccessTokens.Issued issued = tokens.issue(authentication.getName());
        return new TokenResponse(issued.accessToken(), "Bearer", issued.expiresInSeconds());
    }
}
