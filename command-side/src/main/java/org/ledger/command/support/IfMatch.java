package org.ledger.command.support;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Reads an {@code If-Match} header into the aggregate version a write expects (null: no precondition). */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * @param header the header value: {@code "3"}, {@code W/"3"}, {@code 3} or {@code *}; null when absent
     * @return the expected version, or null when there is no precondition
     * @throws ResponseStatusException 400 when the header is not a version this API hands out
     */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "If-Match must be an entity tag this API returned, such as \"3\"");
        }
    }
}
