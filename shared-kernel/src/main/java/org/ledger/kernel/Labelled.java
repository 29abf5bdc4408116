package org.ledger.kernel;

/** An enum constant with the Chinese label users know it by (shown in the API description and in exports). */
public interface Labelled {

    /** The Chinese label, e.g. 立行立改. */
    String label();
}
