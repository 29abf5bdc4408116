package org.ledger.command;

import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.Rule;
import org.ledger.kernel.RuleViolation;

/** Shared helpers of the aggregate fixture tests. */
public final class RuleMatchers {

    private RuleMatchers() {
    }

    /** Matches a {@link RuleViolation} that names exactly the given rule. */
    public static Matcher<Throwable> violates(Rule rule) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item, Description mismatch) {
                if (!(item instanceof RuleViolation violation)) {
                    mismatch.appendText("was not a RuleViolation but ").appendValue(item);
                    return false;
                }
                if (violation.rule() != rule) {
                    mismatch.appendText("violated ").appendValue(violation.ruleName())
                            .appendText(" (").appendText(violation.getMessage()).appendText(")");
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of ").appendValue(rule.name());
            }
        };
    }

    /** The metadata of a command sent by {@code user} acting for {@code unit}. */
    public static Map<String, Object> actor(String user, String unit) {
        return Map.of(MetadataKeys.USER, user, MetadataKeys.UNIT, unit);
    }
}
