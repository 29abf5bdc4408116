package org.ledger.app.security;

import java.util.Set;
import java.util.UUID;
import org.ledger.command.support.Actor;
import org.ledger.command.support.RequestContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The command side's view of the current request: the actor from Spring Security's context and the
 * correlation id that {@link CorrelationIdFilter} chose.
 *
 * <p>Both ways of signing in yield a {@link LedgerUser} principal: an account of the embedded default (HTTP
 * Basic) and, in the profile {@code jwt}, an identity provider's token ({@link LedgerJwtAuthenticationConverter}).
 * The query side's read scoping reads the same answer (app's {@code RequestReader}).
 *
 * <p>Outside an HTTP request (start-up data loading, schedulers) the caller must put an authentication in the
 * security context itself; without one there is no actor, and sending a command fails rather than being
 * recorded under an invented name.
 */
@Component
public class HttpRequestContext implements RequestContext {

    @Override
    public Actor actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("No authenticated user");
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof LedgerUser user) {
            return new Actor(user.getUsername(), user.getUnit(), user.roleNames());
        }
        Set<String> roles = LedgerUser.roleNames(authentication.getAuthorities());
        return new Actor(authentication.getName(), null, roles);
    }

    @Override
    public String correlationId() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            Object id = attributes.getAttribute(CorrelationIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (id instanceof String value) {
                return value;
            }
        }
        return UUID.randomUUID().toString();
    }
}
