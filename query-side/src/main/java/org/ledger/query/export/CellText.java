package org.ledger.query.export;

/**
 * Spreadsheet formula injection (CSV/formula injection): a cell whose text starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return may be taken for a formula by Excel or WPS when the file is
 * opened. Such text gets a leading apostrophe, the spreadsheet convention for "this is text"; the XLSX writer also
 * writes every text as a string cell, never as a formula. Numbers are written as numbers and need no quoting.
 */
public final class CellText {

    private CellText() {
    }

    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + text;
        }
        return text;
    }
}
