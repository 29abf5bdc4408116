package org.ledger.app.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The embedded default's own access tokens. HTTP Basic checks a bcrypt hash on every request — about 80 ms of CPU
 * on this project's machines, deliberately slow so that a stolen hash is slow to crack — which caps a client at a
 * dozen requests a second per core. Spring Security's advice for that is to exchange the long-term credential for
 * a short-term one: {@code POST /api/auth/token} checks the password once and answers a token signed with
 * HMAC-SHA256 that later requests send as {@code Authorization: Bearer …}; checking it costs microseconds.
 *
 * <p>What keeps it as strong as the password:
 * <ul>
 *   <li>the token names only its user and its lifetime ({@code ledger.security.tokens.lifetime}, 15 minutes by
 *       default); roles and unit are read from the account on every request, so a changed or removed account
 *       takes effect at once, and a token cannot be used to obtain another (only a password sign-in can);</li>
 *   <li>the key is random per process unless {@code ledger.security.tokens.secret} gives one (several nodes that
 *       must accept each other's tokens), and is never stored;</li>
 *   <li>the token is verified with a fixed algorithm (no {@code alg} negotiation), issuer and expiry.</li>
 * </ul>
 * Not active in the profile {@code jwt}, where the identity provider issues the tokens.
 */
public final class AccessTokens {

    /** The {@code iss} of the tokens this application signs. */
    static final String ISSUER = "ledger";
    private static final int KEY_BYTES = 32;
    /** Nodes' clocks may differ slightly; a token a few seconds past its expiry is still refused soon after. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final Duration lifetime;
    private final Clock clock;

    AccessTokens(LedgerSecurityProperties.Tokens settings, Clock clock) {
        SecretKey key = new SecretKeySpec(keyBytes(settings.getSecret()), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(ISSUER)));
        this.lifetime = settings.getLifetime();
        this.clock = clock;
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalStateException("ledger.security.tokens.lifetime must be positive");
        }
    }

    /** A token for a user who has just signed in with their password. */
    public Issued issue(String username) {
        return issue(username, clock.instant());
    }

    Issued issue(String username, Instant issuedAt) {
        Instant expiresAt = issuedAt.plus(lifetime);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(username)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .build();
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return new Issued(jwt.getTokenValue(), lifetime.toSeconds());
    }

    /** Verifies signature, issuer and expiry. */
    JwtDecoder decoder() {
        return decoder;
    }

    /**
     * Turns a verified token into the principal Basic would have given: the account as it is now. An account that
     * no longer exists makes the token invalid.
     */
    static Converter<Jwt, AbstractAuthenticationToken> principals(UserDetailsService accounts) {
        return jwt -> {
            UserDetails account;
            try {
                account = accounts.loadUserByUsername(jwt.getSubject());
            } catch (UsernameNotFoundException gone) {
                throw new InvalidBearerTokenException("The token's account does not exist (any more)");
            }
            if (!(account instanceof LedgerUser user) || !user.isEnabled()) {
                throw new InvalidBearerTokenException("The token's account cannot sign in");
            }
            LedgerUser withoutPassword = new LedgerUser(user.getUsername(), "", user.getAuthorities(),
                    user.getUnit());
            return new LedgerJwtAuthenticationConverter.LedgerJwtAuthentication(withoutPassword, jwt);
        };
    }

    private static byte[] keyBytes(String secret) {
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("ledger.security.tokens.secret must be Base64", notBase64);
        }
        if (bytes.length < KEY_BYTES) {
            throw new IllegalStateException("ledger.security.tokens.secret must hold at least " + KEY_BYTES
                    + " bytes (Base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        return bytes;
    }

    /** A signed token and how many seconds it is accepted. */
    public record Issued(String accessToken, long expiresInSeconds) {
    }
}
