package org.ledger.kernel.issue;

/** Points at the responsibility item (责任事项) of an agreement that an issue shows was not fulfilled. */
public record ResponsibilityItemRef(String agreementId, String itemId) {
}
