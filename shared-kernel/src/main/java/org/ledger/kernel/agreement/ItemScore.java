package org.ledger.kernel.agreement;

import java.math.BigDecimal;

/** The score (得分) an assessment gives one responsibility item, between 0 and the item's weight, with a comment. */
public record ItemScore(ResponsibilityItemId itemId, BigDecimal score, String comment) {
}
