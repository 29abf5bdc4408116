package org.ledger.query.support;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.Locale;

/** Case-insensitive "contains" over text columns, with LIKE wildcards in the user's text taken literally. */
public final class TextSearch {

    private static final char ESCAPE = '\\';

    private TextSearch() {
    }

    public static String pattern(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder("%");
        for (char c : lower.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                sb.append(ESCAPE);
            }
            sb.append(c);
        }
        return sb.append('%').toString();
    }

    public static Predicate contains(CriteriaBuilder cb, Expression<String> column, String pattern) {
        return cb.like(cb.lower(column), pattern, ESCAPE);
    }
}
