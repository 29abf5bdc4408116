package org.ledger.query.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Deflater;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through fastexcel, which streams the sheet: rows are written out on every {@link #flush()}. Text goes in
 * as inline strings (no shared-string table growing with the rows) and is never a formula; the first row (the
 * header) is bold and frozen.
 */
final class XlsxTableWriter implements TableWriter {

    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;

    XlsxTableWriter(OutputStream out, String sheetName) {
        this.workbook = new Workbook(out, "ledger", "1.0");
        // the fastest deflate: 2.7 % larger files (6.51 instead of 6.34 MB for 100,071 rows), 0.2-0.3 s less per file
        this.workbook.setCompressionLevel(Deflater.BEST_SPEED);
        this.sheet = workbook.newWorksheet(sheetName);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            Object cell = cells.get(c);
            if (cell instanceof Number number) {
                sheet.value(row, c, number);
            } else if (cell != null) {
                sheet.inlineString(row, c, CellText.neutralise(cell.toString()));
            }
        }
        if (row == 0) {
            sheet.range(0, 0, 0, Math.max(0, cells.size() - 1)).style().bold().set();
            sheet.freezePane(0, 1);
        }
        row++;
    }

    @Override
    public void flush() throws IOException {
        sheet.flush();
    }

    @Override
    public void finish() throws IOException {
        sheet.finish();
        workbook.finish();
    }
}
