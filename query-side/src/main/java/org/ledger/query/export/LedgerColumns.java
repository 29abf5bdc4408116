package org.ledger.query.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ledger.kernel.Labelled;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.query.agreement.ResponsibilityLedgerEntry;
import org.ledger.query.agreement.TaskLedgerEntry;
import org.ledger.query.export.LedgerExport.Column;
import org.ledger.query.issue.IssueLedgerEntry;
import org.ledger.query.rectification.RectificationLedgerEntry;

/**
 * The columns of each ledger's export, with Chinese headers; enum values as their Chinese labels, units by name,
 * dates as {@code yyyy-MM-dd}, instants as local time in the organisation's zone. The rectification ledger keeps
 * the familiar 台账 order of DESIGN.md §4.
 */
final class LedgerColumns {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A rectification ledger row with the names of its evidence files (佐证材料), looked up per chunk. */
    record RectificationRow(RectificationLedgerEntry entry, List<String> evidenceNames) {
    }

    private final ZoneId zone;
    private final Function<String, String> unitNames;

    /**
     * @param unitNames unit id → display name (the id itself when the unit is unknown)
     */
    LedgerColumns(ZoneId zone, Function<String, String> unitNames) {
        this.zone = zone;
        this.unitNames = cached(unitNames);
    }

    List<Column<RectificationRow>> rectifications() {
        return List.of(
                column("问题来源", r -> label(r.entry().issueSource())),
                column("问题描述", r -> r.entry().issueDescription() == null || r.entry().issueDescription().isBlank()
                        ? r.entry().issueTitle() : r.entry().issueDescription()),
                column("原因分析", r -> r.entry().rootCause()),
                column("整改措施", r -> r.entry().measure()),
                column("整改类型", r -> label(r.entry().type())),
                column("责任单位", r -> unit(r.entry().ownerUnitId())),
                column("责任人", r -> r.entry().ownerName()),
                column("整改时限", r -> date(r.entry().effectiveDeadline())),
                column("整改进展", r -> progress(r.entry())),
                column("完成情况", r -> completion(r.entry())),
                column("佐证材料", r -> r.evidenceNames().isEmpty() ? null : String.join("；", r.evidenceNames())),
                column("是否销号", r -> r.entry().status() == RectificationStatus.CLOSED ? "是" : "否"),
                column("销号时间", r -> date(r.entry().closedOn())),
                column("备注", r -> remarks(r.entry())));
    }

    List<Column<IssueLedgerEntry>> issues() {
        return List.of(
                column("问题标题", IssueLedgerEntry::title),
                column("问题描述", IssueLedgerEntry::description),
                column("问题来源", i -> label(i.source())),
                column("来源依据", IssueLedgerEntry::sourceReference),
                column("问题类别", IssueLedgerEntry::category),
                column("问题性质", i -> label(i.severity())),
                column("责任单位", i -> unit(i.responsibleUnitId())),
                column("提出单位", i -> unit(i.raisedByUnitId())),
                column("发现日期", i -> date(i.foundOn())),
                column("原因分析", IssueLedgerEntry::rootCause),
                column("状态", i -> label(i.status())),
                column("整改措施数", IssueLedgerEntry::itemCount),
                column("已销号数", IssueLedgerEntry::closedItemCount),
                column("长期坚持数", IssueLedgerEntry::ongoingItemCount),
                column("撤销理由", IssueLedgerEntry::dismissalReason),
                column("登记时间", i -> time(i.registeredAt())));
    }

    List<Column<ResponsibilityLedgerEntry>> responsibilities() {
        return List.of(
                column("责任书", ResponsibilityLedgerEntry::agreementTitle),
                column("责任期间", r -> date(r.periodStart()) + " 至 " + date(r.periodEnd())),
                column("上级单位", r -> unit(r.issuerUnitId())),
                column("责任单位", r -> unit(r.responsibleUnitId())),
                column("类别", ResponsibilityLedgerEntry::category),
                column("责任内容", ResponsibilityLedgerEntry::content),
                column("分值", ResponsibilityLedgerEntry::weight),
                column("得分", ResponsibilityLedgerEntry::score),
                column("考评意见", ResponsibilityLedgerEntry::scoreComment),
                column("任务数", ResponsibilityLedgerEntry::taskCount),
                column("已完成任务数", ResponsibilityLedgerEntry::completedTaskCount),
                column("未整改问题数", ResponsibilityLedgerEntry::openIssueCount),
                column("已整改问题数", ResponsibilityLedgerEntry::closedIssueCount),
                column("考评总分", ResponsibilityLedgerEntry::agreementTotalScore),
                column("考评等次", r -> label(r.agreementGrade())),
                column("状态", r -> label(r.status())));
    }

    List<Column<TaskLedgerEntry>> tasks() {
        return List.of(
                column("责任书", TaskLedgerEntry::agreementTitle),
                column("责任单位", t -> unit(t.responsibleUnitId())),
                column("责任事项类别", TaskLedgerEntry::itemCategory),
                column("责任事项", TaskLedgerEntry::itemContent),
                column("任务内容", TaskLedgerEntry::description),
                column("承办单位", t -> unit(t.assigneeUnitId())),
                column("责任人", TaskLedgerEntry::assigneeName),
                column("完成时限", t -> date(t.dueDate())),
                column("进度(%)", TaskLedgerEntry::progressPercent),
                column("最新进展", TaskLedgerEntry::lastProgressNote),
                column("进展日期", t -> date(t.lastProgressOn())),
                column("完成日期", t -> date(t.completedOn())),
                column("状态", t -> label(t.status())),
                column("是否逾期", t -> t.overdue() ? "是" : "否"));
    }

    private static <E> Column<E> column(String header, Function<E, Object> cell) {
        return new Column<>(header, cell);
    }

    private static String progress(RectificationLedgerEntry e) {
        String note = e.lastProgressNote();
        if (note == null && e.progressPercent() == 0) {
            return null;
        }
        String percent = e.progressPercent() + "%";
        return note == null || note.isBlank() ? percent : percent + "，" + note;
    }

    private static String completion(RectificationLedgerEntry e) {
        String status = label(e.status());
        if (e.overdue() && e.daysLeft() != null) {
            return status + "（已逾期" + (-e.daysLeft()) + "天）";
        }
        return status;
    }

    private String remarks(RectificationLedgerEntry e) {
        List<String> parts = new ArrayList<>();
        if (e.leaderName() != null && !e.leaderName().isBlank()) {
            parts.add("责任领导：" + e.leaderName());
        }
        if (e.extensionCount() > 0) {
            parts.add("已延期" + e.extensionCount() + "次，原定时限" + date(e.originalDeadline()));
        }
        if (e.pendingExtensionRequestId() != null) {
            parts.add("延期申请待审批（拟延至" + date(e.proposedDeadline()) + "）");
        }
        if (e.reopenCount() > 0) {
            parts.add("重新整改" + e.reopenCount() + "次");
        }
        if (e.target() != null && !e.target().isBlank()) {
            parts.add("整改目标：" + e.target());
        }
        return parts.isEmpty() ? null : String.join("；", parts);
    }

    private String unit(String unitId) {
        return unitId == null ? null : unitNames.apply(unitId);
    }

    private static String label(Labelled value) {
        return value == null ? null : value.label();
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private String time(Instant instant) {
        return instant == null ? null : LOCAL_TIME.format(instant.atZone(zone));
    }

    /** Unit names repeat on every row: each is looked up once per export (a few dozen units at most). */
    private static Function<String, String> cached(Function<String, String> lookup) {
        Map<String, String> cache = new HashMap<>();
        return id -> cache.computeIfAbsent(id, lookup);
    }
}
