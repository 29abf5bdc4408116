package org.ledger.command.support;

import java.util.function.Function;
import org.ledger.kernel.Ids;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Turns an id from a URL path into a typed id; an id that cannot exist is simply not found. */
public final class PathIds {

    private PathIds() {
    }

    public static <T> T parse(String value, Function<String, T> factory, String kind) {
        if (!Ids.isValid(value)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + kind + " with id " + abbreviate(value));
        }
        return factory.apply(value);
    }

    private static String abbreviate(String value) {
        String printable = value == null ? "" : value.replaceAll("[^\\p{L}\\p{N}._-]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
