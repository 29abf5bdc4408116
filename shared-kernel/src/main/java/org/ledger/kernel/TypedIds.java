package org.ledger.kernel;

/** Shared checks of the typed id records; public so that the records of every feature package can use it. */
public final class TypedIds {

    private TypedIds() {
    }

    public static void check(String value, String kind) {
        Ids.require(value, kind);
    }

    public static String random() {
        return Ids.random();
    }
}
