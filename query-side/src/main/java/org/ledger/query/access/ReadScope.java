package org.ledger.query.access;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.data.jpa.domain.Specification;

/**
 * The units whose rows a reader may see (DESIGN.md §6): all of them (ADMIN, AUDITOR) or a fixed set (the
 * reader's unit and its subtree). Every query ANDs it in; a row outside it is not found (404), never refused
 * (403), so that a reader cannot learn that it exists.
 *
 * @param all   whether every unit is visible
 * @param units the visible units when not {@code all}; empty: the reader sees nothing
 */
public record ReadScope(boolean all, Set<String> units) {

    private static final ReadScope ALL = new ReadScope(true, Set.of());

    public ReadScope {
        units = all ? Set.of() : Set.copyOf(units);
    }

    public static ReadScope everything() {
        return ALL;
    }

    public static ReadScope of(Collection<String> units) {
        return new ReadScope(false, Set.copyOf(units));
    }

    public static ReadScope nothing() {
        return new ReadScope(false, Set.of());
    }

    /** Whether {@code unit} is visible; a row without a unit (null) is visible only to a reader of everything. */
    public boolean covers(String unit) {
        return all || (unit != null && units.contains(unit));
    }

    /** Whether at least one of the units is visible (a row is visible through any of its unit columns). */
    public boolean coversAny(String... candidates) {
        for (String unit : candidates) {
            if (covers(unit)) {
                return true;
            }
        }
        return all;
    }

    /** Whether every unit is visible; an empty collection is covered only by a reader of everything. */
    public boolean coversAll(Collection<String> candidates) {
        if (all) {
            return true;
        }
        return !candidates.isEmpty() && candidates.stream().allMatch(this::covers);
    }

    /** Rows at least one of whose {@code attributes} (unit id columns of the entity) names a visible unit. */
    public <T> Specification<T> anyOf(String... attributes) {
        return (root, query, cb) -> predicate(root, cb, attributes);
    }

    private <T> Predicate predicate(Root<T> root, CriteriaBuilder cb, String... attributes) {
        if (all) {
            return cb.conjunction();
        }
        if (units.isEmpty()) {
            return cb.disjunction();
        }
        Predicate[] any = new Predicate[attributes.length];
        for (int i = 0; i < attributes.length; i++) {
            any[i] = root.get(Objects.requireNonNull(attributes[i])).in(units);
        }
        return cb.or(any);
    }
}
