package org.ledger.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ledger.query.export.LedgerExport.Column;

/** The export core without a database: chunked reading, CSV quoting, formula neutralising. */
class LedgerExportTest {

    @Test
    void theRowsAreReadChunkByChunkAndNeverAllAtOnce() throws Exception {
        List<Integer> rows = IntStream.range(0, 2_500).boxed().toList();
        List<Integer> requested = new ArrayList<>();
        LedgerExport.Chunks<Integer> chunks = (number, size) -> {
            requested.add(number);
            int from = Math.min(number * size, rows.size());
            return rows.subList(from, Math.min(from + size, rows.size()));
        };
        LedgerExport<Integer> export = new LedgerExport<>(List.of(new Column<Integer>("值", n -> n)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountingWriter writer = new CountingWriter(new CsvTableWriter(out));

        long written = export.write(writer, chunks.chunk(0, 1000), chunks, 1000);

        assertThat(written).isEqualTo(2_500);
        assertThat(requested).containsExactly(0, 1, 2);
        assertThat(writer.flushes).isEqualTo(3); // one flush per chunk: nothing waits for the whole ledger
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF序号,值\r\n1,0\r\n2,1\r\n").endsWith("2500,2499\r\n");
    }

    @Test
    void formulaLikeTextIsNeutralised() {
        assertThat(CellText.neutralise("=1+1")).isEqualTo("'=1+1");
        assertThat(CellText.neutralise("+86 123")).isEqualTo("'+86 123");
        assertThat(CellText.neutralise("-2")).isEqualTo("'-2");
        assertThat(CellText.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CellText.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(CellText.neutralise("\rx")).isEqualTo("'\rx");
        assertThat(CellText.neutralise("整改=完成")).isEqualTo("整改=完成");
        assertThat(CellText.neutralise("")).isEmpty();
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaks() {
        assertThat(CsvTableWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvTableWriter.quote("说\"明\"")).isEqualTo("\"说\"\"明\"\"\"");
        assertThat(CsvTableWriter.quote("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvTableWriter.quote("plain")).isEqualTo("plain");
    }

    @Test
    void theDownloadNameIsChineseWithAnAsciiFallback() {
        assertThat(LedgerExportController.contentDisposition("整改台账-2026-11-27.xlsx", "rectifications-2026-11-27.xlsx"))
                .isEqualTo("attachment; filename=\"rectifications-2026-11-27.xlsx\"; filename*=UTF-8''"
                        + "%E6%95%B4%E6%94%B9%E5%8F%B0%E8%B4%A6-2026-11-27.xlsx");
    }

    private static final class CountingWriter implements TableWriter {
        private final TableWriter delegate;
        int flushes;

        CountingWriter(TableWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void row(List<?> cells) throws java.io.IOException {
            delegate.row(cells);
        }

        @Override
        public void flush() throws java.io.IOException {
            flushes++;
            delegate.flush();
        }

        @Override
        public void finish() throws java.io.IOException {
            delegate.finish();
        }
    }
}
