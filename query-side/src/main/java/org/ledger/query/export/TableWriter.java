package org.ledger.query.export;

import java.io.IOException;
import java.util.List;

/**
 * Writes a table row by row to an output stream without keeping rows: a cell is a {@link String} (neutralised
 * against formula injection by the writer), a {@link Number}, or null for an empty cell.
 */
interface TableWriter {

    void row(List<?> cells) throws IOException;

    /** Pushes what is buffered to the output (called once per chunk of rows). */
    void flush() throws IOException;

    /** Completes the file; the output stream stays open for the caller to close. */
    void finish() throws IOException;
}
