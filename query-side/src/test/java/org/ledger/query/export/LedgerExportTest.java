package org.ledger.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ledger.query.export.LedgerExport.Column;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The export core without a database: chunked reading ahead of the writing, CSV quoting, formula neutralising. */
class LedgerExportTest {

    /** The thread that reads ahead in these tests, as ExportReadAhead's do in the application. */
    private final ExecutorService readAhead = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopReading() {
        readAhead.shutdownNow();
    }

    @Test
    void theRowsAreReadChunkByChunkAndNeverAllAtOnce() throws Exception {
        List<Integer> rows = IntStream.range(0, 2_500).boxed().toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountingWriter writer = new CountingWriter(new CsvTableWriter(out));
        List<Integer> requested = new CopyOnWriteArrayList<>();
        List<Integer> flushedWhenRequested = new CopyOnWriteArrayList<>();
        LedgerExport.Chunks<Integer> chunks = (number, size) -> {
            requested.add(number);
            flushedWhenRequested.add(writer.flushes.get());
            int from = Math.min(number * size, rows.size());
            return rows.subList(from, Math.min(from + size, rows.size()));
        };
        LedgerExport<Integer> export = new LedgerExport<>(List.of(new Column<Integer>("值", n -> n)));

        long written = export.write(writer, chunks.chunk(0, 1000), chunks, 1000, readAhead);

        assertThat(written).isEqualTo(2_500);
        assertThat(requested).containsExactly(0, 1, 2);
        // chunk n is read once chunk n - 2 has been written out: never more than one chunk ahead of the file
        assertThat(flushedWhenRequested.get(2)).isGreaterThanOrEqualTo(1);
        assertThat(writer.flushes.get()).isEqualTo(3); // one flush per chunk: nothing waits for the whole ledger
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF序号,值\r\n1,0\r\n2,1\r\n").endsWith("2500,2499\r\n");
    }

    @Test
    void theNextChunkIsReadWhileThisOneIsWritten() throws Exception {
        List<Integer> rows = IntStream.range(0, 6).boxed().toList();
        CountDownLatch secondChunkRequested = new CountDownLatch(1);
        LedgerExport.Chunks<Integer> chunks = (number, size) -> {
            if (number == 1) {
                secondChunkRequested.countDown();
            }
            int from = Math.min(number * size, rows.size());
            return rows.subList(from, Math.min(from + size, rows.size()));
        };
        AtomicBoolean readWhileWriting = new AtomicBoolean();
        TableWriter writer = new CountingWriter(new CsvTableWriter(new ByteArrayOutputStream())) {
            @Override
            public void row(List<?> cells) throws java.io.IOException {
                if (Long.valueOf(2).equals(cells.get(0))) { // the last row of the first chunk
                    try {
                        readWhileWriting.set(secondChunkRequested.await(10, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.row(cells);
            }
        };
        LedgerExport<Integer> export = new LedgerExport<>(List.of(new Column<Integer>("值", n -> n)));

        assertThat(export.write(writer, chunks.chunk(0, 2), chunks, 2, readAhead)).isEqualTo(6);
        assertThat(readWhileWriting).isTrue();
    }

    @Test
    void aChunkThatCannotBeReadEndsTheExportWithItsOwnError() {
        List<Integer> rows = IntStream.range(0, 5).boxed().toList();
        LedgerExport.Chunks<Integer> chunks = (number, size) -> {
            if (number == 1) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the ledger is being rebuilt");
            }
            return rows.subList(0, size);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LedgerExport<Integer> export = new LedgerExport<>(List.of(new Column<Integer>("值", n -> n)));

        assertThatThrownBy(() -> export.write(new CsvTableWriter(out), chunks.chunk(0, 2), chunks, 2, readAhead))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("3,2"); // nothing after the failed chunk
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

    private static class CountingWriter implements TableWriter {
        private final TableWriter delegate;
        final AtomicInteger flushes = new AtomicInteger();

        CountingWriter(TableWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void row(List<?> cells) throws java.io.IOException {
            delegate.row(cells);
        }

        @Override
        public void flush() throws java.io.IOException {
            flushes.incrementAndGet();
            delegate.flush();
        }

        @Override
        public void finish() throws java.io.IOException {
            delegate.finish();
        }
    }
}
