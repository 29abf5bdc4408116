package org.ledger.kernel;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What every typed id accepts. A client may choose an id on create (so that a retried create is
 * harmless); it must be a short token that is safe in a URL and a file name.
 */
public final class Ids {

    /** Letters, digits, dot, underscore and hyphen; starts with a letter or digit; at most 64 characters. */
    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Ids() {
    }

    public static boolean isValid(String value) {
        return value != null && COMPILED.matcher(value).matches();
    }

    static String require(String value, String kind) {
        Objects.requireNonNull(value, kind + " must not be null");
        if (!isValid(value)) {
            throw new IllegalArgumentException(kind + " must match " + PATTERN);
        }
        return value;
    }

    static String random() {
        return UUID.randomUUID().toString();
    }
}
