package org.ledger.query.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated user's name, for the "waiting for me" filters; never taken from a request parameter. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The user name of the current request, or null when nobody is authenticated. */
    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }
}
