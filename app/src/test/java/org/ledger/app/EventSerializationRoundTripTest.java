package org.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.agreement.AgreementEvents;
import org.ledger.kernel.agreement.AgreementEvents.AgreementArchived;
import org.ledger.kernel.agreement.AgreementEvents.AgreementAssessed;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.AgreementSigned;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemChanged;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemRemoved;
import org.ledger.kernel.agreement.AgreementEvents.TaskBecameOverdue;
import org.ledger.kernel.agreement.AgreementEvents.TaskCancelled;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskDueSoon;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.Grade;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.issue.IssueEvents;
import org.ledger.kernel.issue.IssueEvents.IssueAcknowledged;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.IssueReopened;
import org.ledger.kernel.issue.IssueEvents.IssueResolved;
import org.ledger.kernel.issue.IssueEvents.RectificationItemAdded;
import org.ledger.kernel.issue.IssueEvents.RectificationOutcomeRecorded;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationEvents;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ClosureReturned;
import org.ledger.kernel.rectification.RectificationEvents.EvidenceAttached;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRejected;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRequested;
import org.ledger.kernel.rectification.RectificationEvents.ProgressReported;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanReturned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanRevised;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationEvents.WarningIssued;
import org.ledger.kernel.rectification.RectificationEvents.BecameOverdue;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.kernel.lookback.CheckOutcome;
import org.ledger.kernel.lookback.LookBackEvents;
import org.ledger.kernel.lookback.LookBackEvents.CheckRecorded;
import org.ledger.kernel.lookback.LookBackEvents.LookBackCompleted;
import org.ledger.kernel.lookback.LookBackEvents.LookBackOpened;
import org.ledger.kernel.lookback.LookBackEvents.SampleDrawn;
import org.ledger.kernel.lookback.LookBackId;
import org.ledger.kernel.lookback.SamplingMode;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.unit.UnitEvents;
import org.ledger.kernel.unit.UnitEvents.UnitDissolved;
import org.ledger.kernel.unit.UnitEvents.UnitMoved;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitEvents.UnitRenamed;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's aggregate fixtures never serialize a message (DESIGN.md §8), so every event type goes through the real
 * event store here: appended, read back, compared, and its stored form checked (JSON, revision "1", typed ids as
 * plain strings). A new event record without a sample below fails {@link #everyEventTypeHasASample()}.
 */
@SpringBootTest(classes = LedgerApplication.class)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EventSerializationRoundTripTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    static final UnitId BRANCH = UnitId.of("branch-1");
    static final UnitId COMMITTEE = UnitId.of("jgw");
    static final LocalDate FOUND_ON = LocalDate.of(2025, 3, 10);
    static final LocalDate TODAY = LocalDate.of(2025, 5, 15);
    static final LocalDate DEADLINE = LocalDate.of(2025, 6, 30);
    static final EvidenceId PHOTO = EvidenceId.of("ev-photo-1");
    static final EvidenceId MINUTES = EvidenceId.of("ev-minutes-2");
    static final ExtensionRequestId EXTENSION = ExtensionRequestId.of("ext-2025-1");
    static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /**
     * One sample per event type, built from fresh {@link Ids}: an issue event is appended to the issue's stream,
     * an item event ({@code itemStream}) to the item's; {@code idField} names the payload field holding that id.
     */
    record Sample(String aggregateType, String idField, boolean itemStream, Function<Ids, Object> factory) {
    }

    /** A fresh issue id and a fresh rectification id for one sample. */
    record Ids(IssueId issue, RectificationId item) {
    }

    static Sample issueEvent(Function<Ids, Object> factory) {
        return new Sample("Issue", "issueId", false, factory);
    }

    static Sample itemEvent(Function<Ids, Object> factory) {
        return new Sample("RectificationItem", "rectificationId", true, factory);
    }

    static Sample unitEvent(Function<Ids, Object> factory) {
        return new Sample("OrgUnit", "unitId", false, factory);
    }

    static Sample agreementEvent(Function<Ids, Object> factory) {
        return new Sample("ResponsibilityAgreement", "agreementId", false, factory);
    }

    /** The sample's issue id doubles as the agreement id. */
    static AgreementId agreement(Ids ids) {
        return AgreementId.of(ids.issue().value());
    }

    static final ResponsibilityItemId AGREEMENT_ITEM = ResponsibilityItemId.of("item-1");
    static final TaskId AGREEMENT_TASK = TaskId.of("task-1");

    static Sample lookBackEvent(Function<Ids, Object> factory) {
        return new Sample("LookBack", "lookBackId", false, factory);
    }

    /** The sample's issue id doubles as the look-back id. */
    static LookBackId lookBack(Ids ids) {
        return LookBackId.of(ids.issue().value());
    }

    static UnitId unit(Ids ids) {
        return UnitId.of(ids.issue().value());
    }

    static final Map<Class<?>, Sample> SAMPLES = samples();

    private static Map<Class<?>, Sample> samples() {
        Map<Class<?>, Sample> samples = new LinkedHashMap<>();
        // --- IssueEvents
        samples.put(IssueRegistered.class, issueEvent(ids -> new IssueRegistered(ids.issue(), "流动党员管理存在欠缺",
                "对外出务工、经商、工作的党员管理不是很到位，督促参加学习教育不够。\n（原文照录，含“引号”与换行）",
                IssueSource.PATROL_FEEDBACK, "2025年巡察反馈第3条", "党员管理", Severity.SEVERE, BRANCH, COMMITTEE,
                FOUND_ON, new ResponsibilityItemRef("agreement-2025", "item-3"))));
        samples.put(IssueAcknowledged.class, issueEvent(ids -> new IssueAcknowledged(ids.issue(), "王书记", null)));
        samples.put(RootCauseRecorded.class, issueEvent(ids -> new RootCauseRecorded(ids.issue(), 2,
                "党员结构多样化，教育管理内容与形式未及时更新；支部书记履责意识不强。")));
        samples.put(IssueDismissed.class, issueEvent(ids -> new IssueDismissed(ids.issue(), "经核实与第5条重复", "supervisor")));
        samples.put(RectificationItemAdded.class, issueEvent(ids -> new RectificationItemAdded(ids.issue(), ids.item())));
        samples.put(RectificationOutcomeRecorded.class, issueEvent(ids -> new RectificationOutcomeRecorded(ids.issue(),
                ids.item(), RectificationOutcome.ONGOING)));
        samples.put(IssueResolved.class, issueEvent(ids -> new IssueResolved(ids.issue())));
        samples.put(IssueReopened.class, issueEvent(ids -> new IssueReopened(ids.issue(), ids.item(),
                "回头看发现问题反弹")));
        // --- RectificationEvents
        samples.put(RectificationPlanned.class, itemEvent(ids -> new RectificationPlanned(ids.item(), ids.issue(),
                "利用党员微信群对在册流动党员进行管理", RectificationType.LONG_TERM, BRANCH, "王书记", null, DEADLINE, null,
                "lead", TODAY)));
        samples.put(RectificationPlanRevised.class, itemEvent(ids -> new RectificationPlanRevised(ids.item(),
                "建立流动党员联系台账，每月联系一次", RectificationType.WITHIN_DEADLINE, BRANCH, "王书记", "李主任",
                DEADLINE.plusMonths(1), "流动党员联系率100%")));
        samples.put(RectificationPlanApproved.class, itemEvent(ids -> new RectificationPlanApproved(ids.item(), null,
                "supervisor")));
        samples.put(RectificationPlanReturned.class, itemEvent(ids -> new RectificationPlanReturned(ids.item(),
                "措施不具体，请补充时间节点", "supervisor")));
        samples.put(ProgressReported.class, itemEvent(ids -> new ProgressReported(ids.item(), 60,
                "已有60%流动党员入群", List.of(PHOTO, MINUTES), TODAY)));
        samples.put(EvidenceAttached.class, itemEvent(ids -> new EvidenceAttached(ids.item(), PHOTO, "微信群截图.png",
                "image/png", 3_221_225_472L, SHA256)));
        samples.put(ExtensionRequested.class, itemEvent(ids -> new ExtensionRequested(ids.item(), EXTENSION,
                "外出党员春节后才返回，需延期", DEADLINE.plusMonths(2), "lead", TODAY)));
        samples.put(ExtensionApproved.class, itemEvent(ids -> new ExtensionApproved(ids.item(), EXTENSION,
                DEADLINE.plusMonths(1), DEADLINE, null, "supervisor")));
        samples.put(ExtensionRejected.class, itemEvent(ids -> new ExtensionRejected(ids.item(), EXTENSION,
                "理由不充分", "supervisor")));
        samples.put(ClosureRequested.class, itemEvent(ids -> new ClosureRequested(ids.item(),
                "流动党员已全部入群并定期参加线上学习", List.of(PHOTO), "lead", TODAY)));
        samples.put(RectificationClosed.class, itemEvent(ids -> new RectificationClosed(ids.item(), ids.issue(),
                "核查属实，同意销号", "supervisor", TODAY)));
        samples.put(RectificationDeclaredOngoing.class, itemEvent(ids -> new RectificationDeclaredOngoing(ids.item(),
                ids.issue(), null, "supervisor", TODAY)));
        samples.put(ClosureReturned.class, itemEvent(ids -> new ClosureReturned(ids.item(), "佐证材料不足",
                "supervisor", RectificationStatus.ONGOING)));
        samples.put(RectificationReopened.class, itemEvent(ids -> new RectificationReopened(ids.item(), ids.issue(),
                "回头看发现问题反弹", DEADLINE.plusMonths(3), null, "supervisor", TODAY)));
        samples.put(WarningIssued.class, itemEvent(ids -> new WarningIssued(ids.item(), WarningLevel.YELLOW,
                DEADLINE, 10)));
        samples.put(BecameOverdue.class, itemEvent(ids -> new BecameOverdue(ids.item(), DEADLINE)));
        // --- UnitEvents (a unit's stream; the sample's issue id doubles as the unit id)
        samples.put(UnitRegistered.class, unitEvent(ids -> new UnitRegistered(unit(ids), "第一党支部", UnitKind.BRANCH,
                UnitId.of("sqdw"))));
        samples.put(UnitRenamed.class, unitEvent(ids -> new UnitRenamed(unit(ids), "第一党支部", "第一党支部（机关）")));
        samples.put(UnitMoved.class, unitEvent(ids -> new UnitMoved(unit(ids), UnitId.of("sqdw"), null)));
        samples.put(UnitDissolved.class, unitEvent(ids -> new UnitDissolved(unit(ids), "党支部合并")));
        // --- AgreementEvents (an agreement's stream; the sample's issue id doubles as the agreement id)
        samples.put(AgreementDrafted.class, agreementEvent(ids -> new AgreementDrafted(agreement(ids),
                "2025年度第一党支部党建工作责任书", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31),
                UnitId.of("sqdw"), BRANCH, 100, "supervisor")));
        samples.put(ResponsibilityItemAdded.class, agreementEvent(ids -> new ResponsibilityItemAdded(agreement(ids),
                AGREEMENT_ITEM, "组织建设", "严格落实“三会一课”制度", 30, null)));
        samples.put(ResponsibilityItemChanged.class, agreementEvent(ids -> new ResponsibilityItemChanged(
                agreement(ids), AGREEMENT_ITEM, "组织建设", "严格落实“三会一课”制度，规范记录", 25, 30, "年中调整")));
        samples.put(ResponsibilityItemRemoved.class, agreementEvent(ids -> new ResponsibilityItemRemoved(
                agreement(ids), AGREEMENT_ITEM, 25, "并入其他事项")));
        samples.put(TaskPlanned.class, agreementEvent(ids -> new TaskPlanned(agreement(ids), AGREEMENT_TASK,
                AGREEMENT_ITEM, "每季度开展一次主题党日活动", BRANCH, "张明", DEADLINE, null)));
        samples.put(TaskChanged.class, agreementEvent(ids -> new TaskChanged(agreement(ids), AGREEMENT_TASK,
                AGREEMENT_ITEM, "每季度开展一次主题党日活动", BRANCH, "李华", DEADLINE.plusMonths(1), "人员调整")));
        samples.put(TaskCancelled.class, agreementEvent(ids -> new TaskCancelled(agreement(ids), AGREEMENT_TASK,
                AGREEMENT_ITEM, "任务取消")));
        samples.put(AgreementSigned.class, agreementEvent(ids -> new AgreementSigned(agreement(ids),
                Party.RESPONSIBLE, "王书记", TODAY, "lead")));
        samples.put(AgreementCameIntoForce.class, agreementEvent(ids -> new AgreementCameIntoForce(agreement(ids),
                TODAY)));
        samples.put(TaskProgressReported.class, agreementEvent(ids -> new TaskProgressReported(agreement(ids),
                AGREEMENT_TASK, AGREEMENT_ITEM, 60, "已开展两次主题党日活动", TODAY, "lead")));
        samples.put(TaskDueSoon.class, agreementEvent(ids -> new TaskDueSoon(agreement(ids), AGREEMENT_TASK,
                WarningLevel.YELLOW, TODAY.plusDays(10), 10)));
        samples.put(TaskBecameOverdue.class, agreementEvent(ids -> new TaskBecameOverdue(agreement(ids),
                AGREEMENT_TASK, TODAY.minusDays(1))));
        samples.put(TaskCompleted.class, agreementEvent(ids -> new TaskCompleted(agreement(ids), AGREEMENT_TASK,
                AGREEMENT_ITEM, TODAY)));
        samples.put(AgreementAssessed.class, agreementEvent(ids -> new AgreementAssessed(agreement(ids),
                List.of(new ItemScore(AGREEMENT_ITEM, new java.math.BigDecimal("27.5"), "制度落实到位")),
                new java.math.BigDecimal("27.5"), Grade.GOOD, false, null, "supervisor", TODAY)));
        samples.put(AgreementArchived.class, agreementEvent(ids -> new AgreementArchived(agreement(ids), null,
                "supervisor", TODAY)));
        // --- LookBackEvents (a campaign's stream; a CONFIRMED check, so that the look-back policy stays quiet)
        samples.put(LookBackOpened.class, lookBackEvent(ids -> new LookBackOpened(lookBack(ids), "2026年下半年整改回头看",
                List.of(UnitId.of("sqdw"), BRANCH), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30),
                SamplingMode.PERCENT, 30, -4_611_686_018_427_387_904L, "supervisor")));
        samples.put(SampleDrawn.class, lookBackEvent(ids -> new SampleDrawn(lookBack(ids),
                List.of(RectificationId.of("rect-1"), RectificationId.of("rect-2")), List.of(RectificationId.of("rect-2")),
                42L)));
        samples.put(CheckRecorded.class, lookBackEvent(ids -> new CheckRecorded(lookBack(ids),
                RectificationId.of("rect-2"), CheckOutcome.CONFIRMED, "整改成果巩固，微信群运行正常", null, null, null, null,
                null, "supervisor", TODAY)));
        samples.put(LookBackCompleted.class, lookBackEvent(ids -> new LookBackCompleted(lookBack(ids),
                "抽查1项，1项巩固", 1, 0, 0)));
        return samples;
    }

    @Test
    void everyEventTypeHasASample() {
        Set<Class<?>> declared = Arrays.stream(IssueEvents.class.getDeclaredClasses()).collect(Collectors.toSet());
        declared.addAll(Arrays.asList(RectificationEvents.class.getDeclaredClasses()));
        declared.addAll(Arrays.asList(UnitEvents.class.getDeclaredClasses()));
        declared.addAll(Arrays.asList(AgreementEvents.class.getDeclaredClasses()));
        declared.addAll(Arrays.asList(LookBackEvents.class.getDeclaredClasses()));

        assertThat(SAMPLES).hasSize(declared.size());
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(declared).allSatisfy(type -> assertThat(type.getAnnotation(Revision.class))
                .as("@Revision on %s", type.getSimpleName()).isNotNull()
                .extracting(Revision::value).isEqualTo("1"));
    }

    @Test
    void everyEventTypeRoundTripsThroughTheEventStore() {
        for (Map.Entry<Class<?>, Sample> entry : SAMPLES.entrySet()) {
            roundTrip(entry.getKey(), entry.getValue());
        }
    }

    private void roundTrip(Class<?> type, Sample sample) {
        String suffix = UUID.randomUUID().toString();
        Ids ids = new Ids(IssueId.of("issue-rt-" + suffix), RectificationId.of("rect-rt-" + suffix));
        Object payload = sample.factory().apply(ids);
        assertThat(payload).isInstanceOf(type);
        String aggregateId = sample.itemStream() ? ids.item().value() : ids.issue().value();
        if (sample.itemStream()) {
            // The issue-status policy answers closed/ongoing/reopened items by commanding their issue, which
            // must exist and know the item.
            hostIssue(ids);
        }

        append(new GenericDomainEventMessage<>(sample.aggregateType(), aggregateId, 0L, payload,
                MetaData.with(MetadataKeys.USER, "roundtrip").and(MetadataKeys.REASON, "序列化往返测试")));

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(aggregateId).asStream().toList();
        assertThat(read).as("stream of %s", type.getSimpleName()).hasSize(1);
        DomainEventMessage<?> back = read.get(0);
        assertThat(back.getPayloadType()).isEqualTo(type);
        assertThat(back.getPayload()).as(type.getSimpleName()).isEqualTo(payload);
        assertThat(back.getMetaData().get(MetadataKeys.REASON)).isEqualTo("序列化往返测试");

        Map<String, Object> row = jdbc.queryForMap(
                "select payload, payload_type, payload_revision from domain_event_entry "
                        + "where aggregate_identifier = ? and sequence_number = 0", aggregateId);
        assertThat(row.get("PAYLOAD_TYPE")).isEqualTo(type.getName());
        assertThat(row.get("PAYLOAD_REVISION")).as("revision of %s", type.getSimpleName()).isEqualTo("1");
        byte[] bytes = (byte[]) row.get("PAYLOAD");
        assertThat(bytes).isNotEmpty();
        assertThat(bytes[0]).as("%s is stored as a JSON object", type.getSimpleName()).isEqualTo((byte) '{');
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json)
                .as("stored %s", type.getSimpleName())
                .contains("\"" + sample.idField() + "\":\"" + aggregateId + "\"")
                .doesNotContain("\"value\"");
        assertStoredForm(payload, json, ids);
    }

    /** Type-specific checks of the stored form: dates as ISO strings, lists of typed ids as strings, Chinese text. */
    private static void assertStoredForm(Object payload, String json, Ids ids) {
        if (payload instanceof IssueRegistered) {
            assertThat(json).contains("\"responsibleUnitId\":\"branch-1\"", "\"raisedByUnitId\":\"jgw\"",
                    "\"foundOn\":\"2025-03-10\"", "流动党员管理存在欠缺", "\"source\":\"PATROL_FEEDBACK\"",
                    "\"agreementId\":\"agreement-2025\"");
        } else if (payload instanceof RectificationItemAdded || payload instanceof IssueReopened
                || payload instanceof RectificationOutcomeRecorded) {
            assertThat(json).contains("\"rectificationId\":\"" + ids.item() + "\"");
        } else if (payload instanceof RectificationPlanned) {
            assertThat(json).contains("\"issueId\":\"" + ids.issue() + "\"", "\"deadline\":\"2025-06-30\"",
                    "\"ownerUnitId\":\"branch-1\"", "\"leaderName\":null");
        } else if (payload instanceof ProgressReported) {
            assertThat(json).contains("\"evidenceIds\":[\"ev-photo-1\",\"ev-minutes-2\"]",
                    "\"reportedOn\":\"2025-05-15\"");
        } else if (payload instanceof ClosureRequested) {
            assertThat(json).contains("\"evidenceIds\":[\"ev-photo-1\"]");
        } else if (payload instanceof ExtensionApproved) {
            assertThat(json).contains("\"requestId\":\"ext-2025-1\"", "\"newDeadline\":\"2025-07-30\"",
                    "\"previousDeadline\":\"2025-06-30\"");
        } else if (payload instanceof UnitRegistered) {
            assertThat(json).contains("\"kind\":\"BRANCH\"", "\"parentId\":\"sqdw\"", "第一党支部");
        } else if (payload instanceof UnitMoved) {
            assertThat(json).contains("\"from\":\"sqdw\"", "\"to\":null");
        } else if (payload instanceof AgreementAssessed) {
            assertThat(json).contains("\"itemId\":\"item-1\"", "\"score\":27.5", "\"grade\":\"GOOD\"");
        } else if (payload instanceof EvidenceAttached) {
            assertThat(json).contains("\"evidenceId\":\"ev-photo-1\"", "\"size\":3221225472");
        }
    }

    /** An issue with the item of {@code ids}, so that the issue-status policy can record the item's outcome. */
    private void hostIssue(Ids ids) {
        String issueId = ids.issue().value();
        append(new GenericDomainEventMessage<>("Issue", issueId, 0L, new IssueRegistered(ids.issue(), "宿主问题",
                "用于往返测试", IssueSource.OTHER, null, null, null, BRANCH, COMMITTEE, FOUND_ON, null)));
        append(new GenericDomainEventMessage<>("Issue", issueId, 1L, new IssueAcknowledged(ids.issue(), "lead", null)));
        append(new GenericDomainEventMessage<>("Issue", issueId, 2L, new RectificationItemAdded(ids.issue(),
                ids.item())));
    }

    private void append(DomainEventMessage<?> message) {
        transactions.executeWithoutResult(status -> eventStore.publish(message));
    }
}
