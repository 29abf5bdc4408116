package org.ledger.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.ledger.LedgerApplication;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.issue.IssueEvents.IssueAcknowledged;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.RectificationItemAdded;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ProgressReported;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty store with valid domain event streams <em>through Axon's EventStore API</em> (issue 9: "a
 * generator fills the store through the event store API, not through SQL"), so that the rebuild and the
 * 100,000-item reads have something real to work on without driving a million commands over HTTP.
 *
 * <p>It starts the application itself in this JVM ({@link LedgerApplication}) as a command-only node
 * ({@code ledger.node.roles=command}: no streaming projection runs, so nothing but the store is written) on the same
 * data directory or PostgreSQL database the measured process then opens: the app's own serializer
 * (AxonSerializerConfiguration), tables and subscribing processors. It publishes {@link GenericDomainEventMessage}s
 * with the aggregate types, identifiers and sequence numbers the aggregates would have given them and the metadata
 * the app stamps on a command's events (user, roles, unit, correlationId; causationId and traceId as Axon's message
 * origin), {@value #BATCH} events per transaction.
 *
 * <p>What one issue's lifecycle produces here, exactly as the commands would:
 * <ol>
 *   <li>units jgw → sqdw → branch-1 once ({@code OrgUnit}; the subscribing unit registry records them);</li>
 *   <li>{@code Issue}: IssueRegistered (supervisor of jgw), IssueAcknowledged, RootCauseRecorded (lead of
 *       branch-1);</li>
 *   <li>per item (two per issue): RectificationItemAdded on the issue and RectificationPlanned on the new
 *       {@code RectificationItem} (one command), RectificationPlanApproved (supervisor), then {@code progress}
 *       ProgressReported (lead, 10 % steps);</li>
 *   <li>every second issue: ClosureRequested (lead) and RectificationClosed (supervisor) for both items. The app's
 *       own issue-status policy (a subscribing processor, so it runs here too, in the same transaction) then sends
 *       RecordRectificationOutcome and appends RectificationOutcomeRecorded ×2 and IssueResolved to the issue:
 *       a mix of open and closed items, open and resolved issues for the filtered reads.</li>
 * </ol>
 * Not generated: evidence files, extensions, warnings (no deadline is scheduled: the generator sends no command),
 * look-backs.
 */
final class EventGenerator {

    /** Events per transaction. */
    static final int BATCH = 1000;
    static final int ITEMS_PER_ISSUE = 2;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** What was generated: events counted in the store afterwards (the policy's included). */
    record Generated(long events, long head, long issues, long items, long closedItems, int progressPerItem,
                     Duration took, Duration startUp) {

        String describe() {
            return String.format(Locale.ROOT, "%,d events (%,d issues, %,d items of which %,d closed, %d progress "
                            + "reports per item) in %.1f s (%,.0f events/s through EventStore.publish; in-process "
                            + "start-up %.1f s not counted)", events, issues, items, closedItems, progressPerItem,
                    took.toMillis() / 1000.0, events / Math.max(0.001, took.toMillis() / 1000.0),
                    startUp.toMillis() / 1000.0);
        }
    }

    private final List<String> appArguments;
    private final List<EventMessage<?>> batch = new ArrayList<>(BATCH);
    private EventStore eventStore;
    private TransactionTemplate transactions;
    private long published;

    /**
     * @param appArguments the same application arguments the measured process gets (data dir, database, accounts),
     *                     without the web ones
     */
    EventGenerator(List<String> appArguments) {
        this.appArguments = appArguments;
    }

    /**
     * Progress reports per item such that {@code items} items come to about {@code events} events: an issue of two
     * items has 9 + 2p events when open and 16 + 2p when resolved, half of each.
     */
    static int progressFor(long events, long items) {
        double issues = Math.ceil(items / (double) ITEMS_PER_ISSUE);
        double perIssue = events / Math.max(1, issues);
        return (int) Math.max(1, Math.min(9, Math.round((perIssue - 12.5) / 2)));
    }

    Generated fill(long items, int progress) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<String> arguments = new ArrayList<>(appArguments);
        arguments.add("--ledger.node.roles=command");
        arguments.add("--spring.main.banner-mode=off");
        // A servlet context after all: the app's configuration needs the web auto-configuration (multipart
        // properties of the evidence upload); it listens on a free port of 127.0.0.1 and is sent nothing.
        arguments.add("--server.port=0");
        arguments.add("--server.address=127.0.0.1");
        arguments.add("--logging.level.root=WARN");
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.SERVLET).run(arguments.toArray(String[]::new))) {
            Duration startUp = Duration.ofNanos(System.nanoTime() - start);
            eventStore = context.getBean(EventStore.class);
            transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            long began = System.nanoTime();
            units();
            long issues = (items + ITEMS_PER_ISSUE - 1) / ITEMS_PER_ISSUE;
            long closed = 0;
            long made = 0;
            LocalDate today = LocalDate.now(ZONE);
            for (long n = 0; n < issues; n++) {
                int count = (int) Math.min(ITEMS_PER_ISSUE, items - made);
                boolean close = n % 2 == 1;
                issue(n, count, progress, close, today);
                made += count;
                closed += close ? count : 0;
                if (n > 0 && n % Math.max(1, issues / 10) == 0) {
                    System.out.printf(Locale.ROOT, "  generated %,d of %,d issues (%,d events published)%n", n,
                            issues, published);
                }
            }
            flush();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            Long events = context.getBean(JdbcTemplate.class)
                    .queryForObject("select count(*) from domain_event_entry", Long.class);
            long head = eventStore.createHeadToken().position().orElse(-1L);
            return new Generated(events == null ? published : events, head, issues, made, closed, progress, took,
                    startUp);
        }
    }

    private void units() {
        unit("jgw", "某街道党工委", UnitKind.WORKING_COMMITTEE, null);
        unit("sqdw", "某社区党委", UnitKind.COMMUNITY_COMMITTEE, "jgw");
        unit("branch-1", "第一党支部", UnitKind.BRANCH, "sqdw");
        flush(); // the unit registry must know the units before anything references them
    }

    private void unit(String id, String name, UnitKind kind, String parent) {
        Command command = new Command("admin", "ADMIN", "jgw");
        command.event("OrgUnit", id, 0, new UnitRegistered(UnitId.of(id), name, kind,
                parent == null ? null : UnitId.of(parent)));
    }

    private void issue(long n, int itemCount, int progress, boolean close, LocalDate today) {
        String id = String.format(Locale.ROOT, "gen-i%07d", n);
        IssueId issueId = IssueId.of(id);
        UnitId branch = UnitId.of("branch-1");
        long issueSeq = 0;
        new Command("supervisor", "SUPERVISOR", "jgw").event("Issue", id, issueSeq++, new IssueRegistered(issueId,
                "流动党员管理存在欠缺 " + n, "对外出务工、经商的党员管理不到位，联系方式更新不及时。",
                IssueSource.values()[(int) (n % IssueSource.values().length)], null, "组织建设",
                Severity.values()[(int) (n % Severity.values().length)], branch, UnitId.of("jgw"),
                today.minusDays(n % 60), null));
        Command lead = new Command("lead", "UNIT_LEAD", "branch-1");
        lead.event("Issue", id, issueSeq++, new IssueAcknowledged(issueId, "lead", "已签收"));
        new Command("lead", "UNIT_LEAD", "branch-1").event("Issue", id, issueSeq++,
                new RootCauseRecorded(issueId, 1, "思想上重视不够，制度执行不严。"));
        long[] itemSeq = new long[itemCount + 1];
        for (int i = 1; i <= itemCount; i++) {
            String itemId = id + "-r" + i;
            RectificationId item = RectificationId.of(itemId);
            LocalDate deadline = today.plusDays(30 + (n * 7 + i) % 150);
            Command plan = new Command("lead", "UNIT_LEAD", "branch-1");
            plan.event("Issue", id, issueSeq++, new RectificationItemAdded(issueId, item));
            plan.event("RectificationItem", itemId, itemSeq[i]++, new RectificationPlanned(item, issueId,
                    i == 1 ? "建立流动党员微信群，每月推送学习资料" : "完善党员联系台账，每季度核对一次",
                    RectificationType.WITHIN_DEADLINE, branch, "张明", null, deadline, null, "lead", today));
            new Command("supervisor", "SUPERVISOR", "jgw").event("RectificationItem", itemId, itemSeq[i]++,
                    new RectificationPlanApproved(item, "同意", "supervisor"));
        }
        // Every event of the issue's own stream is queued above: the issue-status policy appends the outcomes (and
        // IssueResolved) after them when it sees the closures below, in the transaction of their batch.
        for (int i = 1; i <= itemCount; i++) {
            String itemId = id + "-r" + i;
            RectificationId item = RectificationId.of(itemId);
            for (int p = 1; p <= progress; p++) {
                int percent = Math.min(90, p * 10);
                new Command("lead", "UNIT_LEAD", "branch-1").event("RectificationItem", itemId, itemSeq[i]++,
                        new ProgressReported(item, percent, "已完成" + percent + "%", List.of(), today));
            }
            if (close) {
                new Command("lead", "UNIT_LEAD", "branch-1").event("RectificationItem", itemId, itemSeq[i]++,
                        new ClosureRequested(item, "联系率100%", List.of(), "lead", today));
                new Command("supervisor", "SUPERVISOR", "jgw").event("RectificationItem", itemId, itemSeq[i]++,
                        new RectificationClosed(item, issueId, "同意销号", "supervisor", today));
            }
        }
    }

    /** One simulated command: its events share the metadata CommandSender and CorrelationConfiguration give. */
    private final class Command {

        private final MetaData metaData;

        Command(String user, String roles, String unit) {
            String commandId = UUID.randomUUID().toString();
            metaData = MetaData.with(MetadataKeys.USER, user)
                    .and(MetadataKeys.ROLES, roles)
                    .and(MetadataKeys.UNIT, unit)
                    .and(MetadataKeys.CORRELATION_ID, UUID.randomUUID().toString())
                    .and(MetadataKeys.CAUSATION_ID, commandId)
                    .and(MetadataKeys.TRACE_ID, commandId);
        }

        void event(String aggregateType, String aggregateId, long sequence, Object payload) {
            batch.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, metaData));
            if (batch.size() >= BATCH) {
                flush();
            }
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<EventMessage<?>> events = List.copyOf(batch);
        batch.clear();
        transactions.executeWithoutResult(status -> eventStore.publish(events));
        published += events.size();
    }

    /** The arguments a generator run needs beside the measured process's: none of the web ones. */
    static List<String> appArguments(Path dataDir, String postgresUrl, String dbUser, String dbPassword,
                                     List<String> accountArguments) {
        List<String> arguments = new ArrayList<>(List.of("--ledger.data-dir=" + dataDir));
        if (postgresUrl == null) {
            // application.yml's H2 URL with H2's "async:" file system instead of the default one: a command-only
            // node stops its streaming processors once ready, Axon interrupts their threads, and an interrupt
            // during file I/O closes a FileChannel and with it the whole H2 database (ClosedByInterruptException,
            // "The database has been closed"; seen on the first try). AsynchronousFileChannel is not closed by an
            // interrupt. Same file, same format: the measured process opens it with the plain URL afterwards.
            arguments.add("--spring.datasource.url=jdbc:h2:async:" + dataDir.resolve("ledger")
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=32768;LOB_TIMEOUT=10000");
        } else {
            arguments.add("--spring.profiles.active=postgres");
            arguments.add("--LEDGER_DB_URL=" + postgresUrl);
            arguments.add("--LEDGER_DB_USER=" + dbUser);
            arguments.add("--LEDGER_DB_PASSWORD=" + dbPassword);
        }
        arguments.addAll(accountArguments);
        return arguments;
    }
}
