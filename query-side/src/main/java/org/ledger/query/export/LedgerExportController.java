package org.ledger.query.export;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.TaskStatus;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.IssueStatus;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.access.CurrentUser;
import org.ledger.query.agreement.ResponsibilityLedgerEntry;
import org.ledger.query.agreement.ResponsibilityLedgerFilter;
import org.ledger.query.agreement.ResponsibilityLedgerQueries;
import org.ledger.query.agreement.TaskLedgerEntry;
import org.ledger.query.agreement.TaskLedgerFilter;
import org.ledger.query.agreement.TaskLedgerQueries;
import org.ledger.query.evidence.EvidenceQueries;
import org.ledger.query.export.LedgerColumns.RectificationRow;
import org.ledger.query.issue.IssueLedgerEntry;
import org.ledger.query.issue.IssueLedgerFilter;
import org.ledger.query.issue.IssueLedgerQueries;
import org.ledger.query.rectification.RectificationLedgerEntry;
import org.ledger.query.rectification.RectificationLedgerFilter;
import org.ledger.query.rectification.RectificationLedgerQueries;
import org.ledger.query.support.LedgerPaging;
import org.ledger.query.unit.UnitEntry;
import org.ledger.query.unit.UnitQueries;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Exports each ledger as XLSX or CSV (DESIGN.md §4): the same filters, {@code asOf} and sort as the ledger's list,
 * every matching row instead of one page, Chinese headers and labels. The ledger's query service first reads the ids
 * of every matching row in order (one query: a consistent snapshot, see {@link org.ledger.query.support.LedgerRows}),
 * then the rows in chunks of {@link LedgerExport#CHUNK_SIZE} by id, each written to the response as it comes, so
 * memory stays flat in the row count. The ids and the first chunk are read before the response starts: a bad filter
 * still answers 400 as a problem detail.
 *
 * <p>Each ledger has its own literal path ({@code /api/ledgers/rectifications/export}), which wins over the ledgers'
 * {@code /{id}} reads; any other {@code /api/ledgers/{ledger}/export} answers 404.
 */
@RestController
@RequestMapping("/api/ledgers")
@Tag(name = "Ledger exports (台账导出)", description = "Every ledger as XLSX or CSV, with the list's filters")
class LedgerExportController {

    private static final String FORMAT_DOC = "xlsx (default) or csv";
    private static final String AS_OF_DOC = "Export the ledger as it was at this instant (ISO-8601); omit for now";
    private static final String SORT_DOC = "Sort as property[,asc|desc]; repeatable; the list's sortable properties";
    static final Map<String, String> LEDGER_NAMES = Map.of("issues", "问题清单", "rectifications", "整改台账",
            "responsibilities", "责任清单", "tasks", "任务清单");

    private final IssueLedgerQueries issues;
    private final RectificationLedgerQueries rectifications;
    private final ResponsibilityLedgerQueries responsibilities;
    private final TaskLedgerQueries tasks;
    private final EvidenceQueries evidence;
    private final UnitQueries units;
    private final ExportReadAhead readAhead;
    private final Clock clock;

    LedgerExportController(IssueLedgerQueries issues, RectificationLedgerQueries rectifications,
                           ResponsibilityLedgerQueries responsibilities, TaskLedgerQueries tasks,
                           EvidenceQueries evidence, UnitQueries units, ExportReadAhead readAhead, Clock clock) {
        this.issues = issues;
        this.rectifications = rectifications;
        this.responsibilities = responsibilities;
        this.tasks = tasks;
        this.evidence = evidence;
        this.units = units;
        this.readAhead = readAhead;
        this.clock = clock;
    }

    /** The two file formats. */
    enum Format {
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        CSV("text/csv;charset=UTF-8", "csv");

        final String contentType;
        final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        static Format parse(String format) {
            String value = format == null || format.isBlank() ? "xlsx" : format.trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "xlsx" -> XLSX;
                case "csv" -> CSV;
                default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "format: '" + format + "' is not a known format; expected xlsx or csv");
            };
        }
    }

    @GetMapping("/rectifications/export")
    @Operation(summary = "Export the rectification ledger (导出整改台账)",
            description = "XLSX or CSV in the 台账 column order: 序号, 问题来源, 问题描述, 原因分析, 整改措施, 整改类型, 责任单位, "
                    + "责任人, 整改时限, 整改进展, 完成情况, 佐证材料, 是否销号, 销号时间, 备注. Same filters as the list.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "400", description = "Invalid format, filter or sort parameter")
    void exportRectifications(
            @Parameter(description = FORMAT_DOC, example = "xlsx") @RequestParam(required = false) String format,
            @Parameter(description = "Owner unit id, including its subtree", example = "branch-02")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Issue id", example = "issue-2024-001")
            @RequestParam(required = false) String issueId,
            @Parameter(description = "Status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<RectificationStatus> status,
            @Parameter(description = "Source of the issue (问题来源)")
            @RequestParam(required = false) IssueSource source,
            @Parameter(description = "Rectification type (整改类型)")
            @RequestParam(required = false) RectificationType type,
            @Parameter(description = "Effective deadline on or after this date", example = "2024-06-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadlineFrom,
            @Parameter(description = "Effective deadline on or before this date", example = "2024-06-30")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadlineTo,
            @Parameter(description = "Text contained in the measure or the issue title, case-insensitive")
            @RequestParam(required = false) String q,
            @Parameter(description = "true: only overdue items; false: only items that are not overdue")
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = "Warning level (预警) the item recorded: GREEN 正常, YELLOW 临期, RED 逾期")
            @RequestParam(required = false) WarningLevel warningLevel,
            @Parameter(description = "Only items due within this many days from today, neither CLOSED nor ONGOING",
                    example = "10")
            @RequestParam(required = false) Integer dueWithinDays,
            @Parameter(description = "true: only items waiting for the current user's verification", example = "true")
            @RequestParam(required = false) Boolean awaitingMyVerification,
            @Parameter(description = "true: only items waiting for the current user's approval", example = "true")
            @RequestParam(required = false) Boolean awaitingMyApproval,
            @Parameter(description = AS_OF_DOC, example = "2024-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = SORT_DOC, example = "effectiveDeadline,asc")
            @RequestParam(required = false) List<String> sort,
            HttpServletResponse response) throws IOException {
        Format fmt = Format.parse(format);
        if (deadlineFrom != null && deadlineTo != null && deadlineFrom.isAfter(deadlineTo)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "deadlineFrom must not be after deadlineTo");
        }
        if (dueWithinDays != null && (dueWithinDays < 0 || dueWithinDays > 3650)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dueWithinDays must be between 0 and 3650");
        }
        RectificationLedgerFilter filter = new RectificationLedgerFilter(unitId, issueId, status, source, type,
                deadlineFrom, deadlineTo, q, overdue, warningLevel, dueWithinDays, awaitingMyVerification,
                awaitingMyApproval, CurrentUser.name());
        Sort order = sort(RectificationLedgerQueries.PAGING, sort);
        List<Long> rowIds = rectifications.rowIds(filter, order, asOf);
        LedgerExport.Chunks<RectificationRow> chunks = (number, size) -> {
            List<RectificationLedgerEntry> entries = rectifications.rows(LedgerExport.chunk(rowIds, number, size),
                    asOf);
            // only items whose row counts evidence: a lookup of 1,000 ids per chunk cost 0.2-0.4 s per 100,000 rows
            Map<String, List<String>> names = evidence.namesByItem(entries.stream()
                    .filter(e -> e.evidenceCount() > 0).map(RectificationLedgerEntry::id).toList(), asOf);
            return entries.stream()
                    .map(e -> new RectificationRow(e, names.getOrDefault(e.id(), List.of()))).toList();
        };
        write("rectifications", fmt, asOf, new LedgerExport<>(columns(asOf).rectifications()), chunks, response);
    }

    @GetMapping("/issues/export")
    @Operation(summary = "Export the issue ledger (导出问题清单)",
            description = "XLSX or CSV with Chinese headers; same filters as the list.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "400", description = "Invalid format, filter or sort parameter")
    void exportIssues(
            @Parameter(description = FORMAT_DOC, example = "xlsx") @RequestParam(required = false) String format,
            @Parameter(description = "Responsible unit id, including its subtree", example = "branch-02")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<IssueStatus> status,
            @Parameter(description = "Issue source (问题来源)")
            @RequestParam(required = false) IssueSource source,
            @Parameter(description = "Category, exact match") @RequestParam(required = false) String category,
            @Parameter(description = "Text contained in title or description, case-insensitive")
            @RequestParam(required = false) String q,
            @Parameter(description = "Found on or after this date", example = "2024-01-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate foundFrom,
            @Parameter(description = "Found on or before this date", example = "2024-12-31")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate foundTo,
            @Parameter(description = AS_OF_DOC, example = "2024-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = SORT_DOC, example = "foundOn,desc")
            @RequestParam(required = false) List<String> sort,
            HttpServletResponse response) throws IOException {
        Format fmt = Format.parse(format);
        if (foundFrom != null && foundTo != null && foundFrom.isAfter(foundTo)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "foundFrom must not be after foundTo");
        }
        IssueLedgerFilter filter = new IssueLedgerFilter(unitId, status, source, category, q, foundFrom, foundTo);
        Sort order = sort(IssueLedgerQueries.PAGING, sort);
        List<Long> rowIds = issues.rowIds(filter, order, asOf);
        LedgerExport.Chunks<IssueLedgerEntry> chunks =
                (number, size) -> issues.rows(LedgerExport.chunk(rowIds, number, size));
        write("issues", fmt, asOf, new LedgerExport<>(columns(asOf).issues()), chunks, response);
    }

    @GetMapping("/responsibilities/export")
    @Operation(summary = "Export the responsibility ledger (导出责任清单)",
            description = "XLSX or CSV with Chinese headers; same filters as the list.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "400", description = "Invalid format, filter or sort parameter")
    void exportResponsibilities(
            @Parameter(description = FORMAT_DOC, example = "xlsx") @RequestParam(required = false) String format,
            @Parameter(description = "Issuer or responsible unit id, including its subtree", example = "branch-1")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Agreement id", example = "agreement-2026-branch-1")
            @RequestParam(required = false) String agreementId,
            @Parameter(description = "Agreement status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<AgreementStatus> status,
            @Parameter(description = "Item category (类别), exact", example = "组织建设")
            @RequestParam(required = false) String category,
            @Parameter(description = "A year: agreements whose period overlaps it", example = "2026")
            @RequestParam(required = false) Integer period,
            @Parameter(description = "Text contained in the item's content or category or the agreement's title, "
                    + "case-insensitive") @RequestParam(required = false) String q,
            @Parameter(description = AS_OF_DOC, example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = SORT_DOC, example = "weight,desc")
            @RequestParam(required = false) List<String> sort,
            HttpServletResponse response) throws IOException {
        Format fmt = Format.parse(format);
        if (period != null && (period < 1900 || period > 2999)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "period must be a year such as 2026");
        }
        ResponsibilityLedgerFilter filter = new ResponsibilityLedgerFilter(unitId, agreementId, status, category,
                period, q);
        Sort order = sort(ResponsibilityLedgerQueries.PAGING, sort);
        List<Long> rowIds = responsibilities.rowIds(filter, order, asOf);
        LedgerExport.Chunks<ResponsibilityLedgerEntry> chunks =
                (number, size) -> responsibilities.rows(LedgerExport.chunk(rowIds, number, size));
        write("responsibilities", fmt, asOf, new LedgerExport<>(columns(asOf).responsibilities()), chunks, response);
    }

    @GetMapping("/tasks/export")
    @Operation(summary = "Export the task ledger (导出任务清单)",
            description = "XLSX or CSV with Chinese headers; same filters as the list.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "400", description = "Invalid format, filter or sort parameter")
    void exportTasks(
            @Parameter(description = FORMAT_DOC, example = "xlsx") @RequestParam(required = false) String format,
            @Parameter(description = "Assignee unit id, including its subtree", example = "branch-1")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Agreement id", example = "agreement-2026-branch-1")
            @RequestParam(required = false) String agreementId,
            @Parameter(description = "Status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<TaskStatus> status,
            @Parameter(description = "true: only overdue tasks (due date passed, not completed); false: the others")
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = "Due on or after this date", example = "2026-06-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueFrom,
            @Parameter(description = "Due on or before this date", example = "2026-06-30")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueTo,
            @Parameter(description = "Text contained in the description, the item's content or the assignee's name, "
                    + "case-insensitive") @RequestParam(required = false) String q,
            @Parameter(description = "Warning level (预警) the task recorded: GREEN 正常, YELLOW 临期, RED 逾期")
            @RequestParam(required = false) WarningLevel warningLevel,
            @Parameter(description = AS_OF_DOC, example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = SORT_DOC, example = "dueDate,asc")
            @RequestParam(required = false) List<String> sort,
            HttpServletResponse response) throws IOException {
        Format fmt = Format.parse(format);
        if (dueFrom != null && dueTo != null && dueFrom.isAfter(dueTo)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dueFrom must not be after dueTo");
        }
        TaskLedgerFilter filter = new TaskLedgerFilter(unitId, agreementId, status, overdue, dueFrom, dueTo, q,
                warningLevel);
        Sort order = sort(TaskLedgerQueries.PAGING, sort);
        List<Long> rowIds = tasks.rowIds(filter, order, asOf);
        LedgerExport.Chunks<TaskLedgerEntry> chunks =
                (number, size) -> tasks.rows(LedgerExport.chunk(rowIds, number, size), asOf);
        write("tasks", fmt, asOf, new LedgerExport<>(columns(asOf).tasks()), chunks, response);
    }

    /** Not in the API description: it only turns a misspelt ledger into a helpful 404. */
    @Hidden
    @GetMapping("/{ledger}/export")
    void unknownLedger(@PathVariable String ledger) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No ledger '" + ledger
                + "' to export; exportable ledgers: issues, rectifications, responsibilities, tasks");
    }

    /** The list's sort, checked against its whitelist (400 for an unknown property), with its tie-breaker. */
    private static Sort sort(LedgerPaging paging, List<String> sort) {
        Pageable checked = paging.pageable(0, 1, sort);
        return checked.getSort();
    }

    private LedgerColumns columns(Instant asOf) {
        return new LedgerColumns(clock.getZone(),
                id -> units.find(id, asOf).map(UnitEntry::name).orElse(id));
    }

    private <E> void write(String ledger, Format format, Instant asOf, LedgerExport<E> export,
                           LedgerExport.Chunks<E> chunks, HttpServletResponse response) throws IOException {
        int chunkSize = LedgerExport.CHUNK_SIZE;
        List<E> first = chunks.chunk(0, chunkSize);
        LocalDate day = LocalDate.ofInstant(asOf == null ? clock.instant() : asOf, clock.getZone());
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(format.contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(
                LEDGER_NAMES.get(ledger) + "-" + day + "." + format.extension,
                ledger + "-" + day + "." + format.extension));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OutputStream out = response.getOutputStream();
        TableWriter writer = format == Format.XLSX ? new XlsxTableWriter(out, LEDGER_NAMES.get(ledger))
                : new CsvTableWriter(out);
        export.write(writer, first, chunks, chunkSize, readAhead::execute);
        out.flush();
    }

    /**
     * {@code attachment; filename="rectifications-2026-11-27.xlsx"; filename*=UTF-8''整改台账-2026-11-27.xlsx}
     * (percent-encoded, RFC 6266 / 8187): the ASCII name for old clients, the Chinese one for the others.
     */
    static String contentDisposition(String name, String asciiFallback) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''" + encoded;
    }
}
