package org.ledger.query.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns the {@code page}, {@code size} and {@code sort} query parameters of a ledger list into a {@link Pageable},
 * refusing anything outside the ledger's whitelist with 400 (never a 500 from an unknown property).
 */
public final class LedgerPaging {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** Sortable API property name → entity attribute. */
    private final Map<String, String> sortable;
    private final Sort defaultSort;
    private final String tieBreaker;

    /**
     * @param sortable    API property name → entity attribute name
     * @param defaultSort the order when the client gives none
     * @param tieBreaker  entity attribute appended last so that pages are stable
     */
    public LedgerPaging(Map<String, String> sortable, Sort defaultSort, String tieBreaker) {
        this.sortable = Map.copyOf(sortable);
        this.defaultSort = defaultSort;
        this.tieBreaker = tieBreaker;
    }

    public List<String> sortableProperties() {
        return sortable.keySet().stream().sorted().toList();
    }

    public Pageable pageable(Integer page, Integer size, List<String> sort) {
        int number = page == null ? 0 : page;
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (number < 0) {
            throw badRequest("page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw badRequest("size must be between 1 and " + MAX_SIZE);
        }
        return PageRequest.of(number, pageSize, sort(sort));
    }

    /**
     * Reads {@code sort} values such as {@code foundOn,desc}. Spring splits a single comma-separated value into
     * several list elements ({@code [foundOn, desc]}), so a bare {@code asc}/{@code desc} element applies to the
     * property before it.
     */
    Sort sort(List<String> sortParams) {
        List<Sort.Order> orders = new ArrayList<>();
        if (sortParams != null) {
            for (String param : sortParams) {
                if (param == null || param.isBlank()) {
                    continue;
                }
                for (String token : param.split(",", -1)) {
                    String trimmed = token.trim();
                    Sort.Direction direction = direction(trimmed);
                    if (direction != null) {
                        if (orders.isEmpty()) {
                            throw badRequest("sort must look like 'property' or 'property,asc|desc', got '"
                                    + param + "'");
                        }
                        Sort.Order last = orders.remove(orders.size() - 1);
                        orders.add(last.with(direction));
                    } else {
                        orders.add(Sort.Order.asc(attribute(trimmed)));
                    }
                }
            }
        }
        Sort sort = orders.isEmpty() ? defaultSort : Sort.by(orders);
        if (sort.getOrderFor(tieBreaker) == null) {
            sort = sort.and(Sort.by(Sort.Direction.ASC, tieBreaker));
        }
        return sort;
    }

    private static Sort.Direction direction(String token) {
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "asc" -> Sort.Direction.ASC;
            case "desc" -> Sort.Direction.DESC;
            default -> null;
        };
    }

    private String attribute(String property) {
        String attribute = sortable.get(property);
        if (attribute == null) {
            throw badRequest("cannot sort by '" + property + "'; sortable properties: "
                    + String.join(", ", sortableProperties()));
        }
        return attribute;
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
