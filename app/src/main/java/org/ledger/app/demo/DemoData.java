package org.ledger.app.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ledger.app.security.LedgerUser;
import org.ledger.command.evidence.EvidenceStore;
import org.ledger.command.evidence.EvidenceType;
import org.ledger.command.support.AppendedEvent;
import org.ledger.command.support.CommandSender;
import org.ledger.command.unit.registry.UnitRegistry;
import org.ledger.kernel.agreement.AgreementCommands.AddItem;
import org.ledger.kernel.agreement.AgreementCommands.AssessAgreement;
import org.ledger.kernel.agreement.AgreementCommands.DraftAgreement;
import org.ledger.kernel.agreement.AgreementCommands.PlanTask;
import org.ledger.kernel.agreement.AgreementCommands.ReportTaskProgress;
import org.ledger.kernel.agreement.AgreementCommands.SignAgreement;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.Grade;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.issue.IssueCommands.AcknowledgeIssue;
import org.ledger.kernel.issue.IssueCommands.PlanRectification;
import org.ledger.kernel.issue.IssueCommands.RecordRootCause;
import org.ledger.kernel.issue.IssueCommands.RegisterIssue;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationCommands.ApproveExtension;
import org.ledger.kernel.rectification.RectificationCommands.ApprovePlan;
import org.ledger.kernel.rectification.RectificationCommands.AttachEvidence;
import org.ledger.kernel.rectification.RectificationCommands.ReopenRectification;
import org.ledger.kernel.rectification.RectificationCommands.ReportProgress;
import org.ledger.kernel.rectification.RectificationCommands.RequestClosure;
import org.ledger.kernel.rectification.RectificationCommands.RequestExtension;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.VerificationOutcome;
import org.ledger.kernel.unit.UnitCommands.RegisterUnit;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The demo data set, modelled on 向阳里社区党委's half-year report ({@code shared/seed-report.txt}): the unit tree
 * (a 街工委, a 社区党委 with 11 branches and 29 groups), the agreements between them with their items and tasks,
 * and the three problems the report found in self-examination with their causes and next-step measures, at
 * different stages: one overdue, one extended, one closed, one reopened.
 *
 * <p>Everything goes through the same commands the API sends, as the demo users would send them, so the demo
 * history reads like a real one. Dates are relative to today, so that "overdue" stays overdue.
 */
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final UnitId JGW = UnitId.of("jgw");
    static final UnitId SQDW = UnitId.of("sqdw");
    static final int BRANCHES = 11;
    /** Groups per branch: 29 in all, as the report says. */
    private static final int[] GROUPS = {3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2};
    private static final String[] BRANCH_NAMES = {"第一党支部", "第二党支部", "第三党支部", "第四党支部", "第五党支部",
        "第六党支部", "第七党支部", "第八党支部", "第九党支部", "“两新”工作党支部", "物业管理党支部"};
    /** A 1×1 PNG: the demo's "screenshot" is a real image file, small enough to live in the source. */
    private static final String PNG_HEX = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
            + "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082";
    /** Far more than any demo file; the store refuses nothing the demo writes. */
    private static final long MAX_DEMO_FILE_BYTES = 1024 * 1024;

    private final CommandSender sender;
    private final UnitRegistry units;
    private final EvidenceStore evidenceStore;
    private final LocalDate today;
    /** Everything the load appended: the ledgers are awaited once, at the end, not after every command. */
    private final List<AppendedEvent> appended = new ArrayList<>();

    DemoData(CommandSender sender, UnitRegistry units, EvidenceStore evidenceStore, Clock clock) {
        this.sender = sender;
        this.units = units;
        this.evidenceStore = evidenceStore;
        this.today = LocalDate.now(clock);
    }

    static UnitId branch(int n) {
        return UnitId.of("branch-" + n);
    }

    /** Loads the data set unless its units are there already (so a restart never loads it twice). */
    boolean loadIfAbsent() {
        if (units.exists(JGW)) {
            log.info("Demo data already present; nothing loaded");
            return false;
        }
        try {
            unitTree();
            agreements();
            issues();
            sender.awaitLedgers(appended);
        } finally {
            SecurityContextHolder.clearContext();
        }
        log.info("Demo data loaded: 1 working committee, 1 community committee, {} branches, 29 groups, "
                + "{} agreements, 3 issues", BRANCHES, BRANCHES + 1);
        return true;
    }

    // ------------------------------------------------------------------------------------------------------
    // 组织: 环湖街工委 → 向阳里社区党委 → 11 党支部 → 29 党小组

    private void unitTree() {
        as("admin", "jgw", "ADMIN");
        send(new RegisterUnit(JGW, "环湖街工委", UnitKind.WORKING_COMMITTEE, null, null));
        send(new RegisterUnit(SQDW, "向阳里社区党委", UnitKind.COMMUNITY_COMMITTEE, JGW, UnitKind.WORKING_COMMITTEE));
        for (int b = 1; b <= BRANCHES; b++) {
            UnitId branch = branch(b);
            send(new RegisterUnit(branch, BRANCH_NAMES[b - 1], UnitKind.BRANCH, SQDW, UnitKind.COMMUNITY_COMMITTEE));
            for (int g = 1; g <= GROUPS[b - 1]; g++) {
                UnitId group = UnitId.of("group-" + b + "-" + g);
                send(new RegisterUnit(group, BRANCH_NAMES[b - 1] + "第" + g + "党小组", UnitKind.GROUP, branch,
                        UnitKind.BRANCH));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // 党建责任书: 街工委 ↔ 社区党委, and 社区党委 ↔ each branch

    private void agreements() {
        LocalDate start = LocalDate.of(today.getYear(), 1, 1);
        LocalDate end = LocalDate.of(today.getYear(), 12, 31);
        AgreementId upper = AgreementId.of("agr-" + today.getYear() + "-sqdw");
        as("supervisor", "jgw", "SUPERVISOR");
        send(new DraftAgreement(upper, today.getYear() + "年度社区党委党建工作责任书", start, end, JGW, SQDW, 100));
        item(upper, "org", "组织建设", "严格落实党员组织关系定期排查制度，无失联党员和口袋党员；落实“三会一课”制度", 30);
        item(upper, "edu", "教育管理", "深化“两学一做”常态化制度化，严格落实主题党日和党员集中培训制度", 25);
        item(upper, "sup", "监督检查", "开展党建专项督查“回头看”，建立问题清单和整改台账", 20);
        item(upper, "int", "廉洁自律", "严格落实“三重一大”“五议两公开”集体决策制度，把关党建专项经费使用", 25);
        task(upper, "t-sqdw-1", "org", "每季度召开党委会研究从严治党工作，全年不少于2次专题会议", SQDW, "王书记",
                start.plusMonths(11));
        task(upper, "t-sqdw-2", "edu", "组织在职党员进社区开展“创建全国文明城区”志愿服务", SQDW, "李委员",
                start.plusMonths(9));
        task(upper, "t-sqdw-3", "sup", "开展区委巡视组专项巡查反馈“回头看”并建立专项台账", SQDW, "赵委员",
                start.plusMonths(6));
        sign(upper, Party.ISSUER, "环湖街工委 刘书记", start.plusDays(20));
        as("secretary", "sqdw", "UNIT_LEAD");
        sign(upper, Party.RESPONSIBLE, "向阳里社区党委 王书记", start.plusDays(20));
        send(new ReportTaskProgress(upper, null, TaskId.of("t-sqdw-3"), 100, "已召开专题组织生活会，建立专项台账", true,
                start.plusMonths(5)));
        send(new ReportTaskProgress(upper, null, TaskId.of("t-sqdw-2"), 60, "举办6次环境卫生大清整、2场文明祭奠志愿巡逻",
                false, today.minusDays(15).isAfter(start) ? today.minusDays(15) : start));

        for (int b = 1; b <= BRANCHES; b++) {
            AgreementId lower = AgreementId.of("agr-" + today.getYear() + "-branch-" + b);
            as("committee", "sqdw", "SUPERVISOR");
            send(new DraftAgreement(lower, today.getYear() + "年度" + BRANCH_NAMES[b - 1] + "党建责任书", start, end, SQDW,
                    branch(b), 100));
            item(lower, "org", "组织建设", "严格落实“三会一课”制度，按期换届", 40);
            item(lower, "edu", "教育管理", "每月开展主题党日活动，落实党员集中培训", 30);
            item(lower, "sup", "监督检查", "召开组织生活会和民主评议党员，逐一打分考评", 15);
            item(lower, "int", "廉洁自律", "党员承诺践诺，无新增违纪违法党员", 15);
            task(lower, "t-" + b + "-1", "org", "三会一课：每月支委会、党小组会，每季度党员大会和党课", branch(b),
                    "支部书记", end);
            task(lower, "t-" + b + "-2", "edu", "主题党日：每月固定日期组织学习和志愿服务", branch(b), "组织委员",
                    end);
            task(lower, "t-" + b + "-3", "edu", "在职党员进社区：组织在职党员参与社区志愿服务", branch(b), "宣传委员",
                    start.plusMonths(8));
            sign(lower, Party.ISSUER, "向阳里社区党委 王书记", start.plusDays(25));
            as(b == 1 ? "lead" : "lead-" + b, branch(b).value(), "UNIT_LEAD");
            sign(lower, Party.RESPONSIBLE, BRANCH_NAMES[b - 1] + " 书记", start.plusDays(25));
        }
        // the first branch's agreement is assessed, as the report's 述职考评 did
        AgreementId first = AgreementId.of("agr-" + today.getYear() + "-branch-1");
        as("committee", "sqdw", "SUPERVISOR");
        send(new AssessAgreement(first, null, List.of(
                new ItemScore(ResponsibilityItemId.of("org"), new BigDecimal("36"), "三会一课落实较好"),
                new ItemScore(ResponsibilityItemId.of("edu"), new BigDecimal("25"), "主题党日形式较单一"),
                new ItemScore(ResponsibilityItemId.of("sup"), new BigDecimal("14"), "评议党员逐一打分"),
                new ItemScore(ResponsibilityItemId.of("int"), new BigDecimal("15"), "无违纪违法")),
                Grade.GOOD, today));
    }

    // ------------------------------------------------------------------------------------------------------
    // 问题清单 and 整改台账: the report's three problems, their causes and its next-step measures

    private void issues() {
        LocalDate found = today.minusDays(75);
        String agreement = "agr-" + today.getYear() + "-sqdw";

        IssueId mobile = IssueId.of("issue-mobile-members");
        register(mobile, "流动党员管理存在欠缺",
                "对社区党组织内不同年龄、不同成分的群体没有分类施策。对外出务工、经商、工作的党员管理不是很到位，督促参加学习"
                        + "教育活动不是很紧密。特别是一些刚毕业又没有找到工作的大学生党员，缺乏对他们的有效引导，导致学习活动参与率较低。",
                "组织建设", Severity.MAJOR, found, new ResponsibilityItemRef(agreement, "org"));
        analyse(mobile, "随着党员人数剧增、结构多样化，党员管理和教育活动在内容上、形式上都有了新的需求，而目前的管理教育方法相对单薄。");

        IssueId elderly = IssueId.of("issue-elderly-members");
        register(elderly, "高龄党员管理举措不完善",
                "社区所管理的党员90%为60岁以上老年人，其中高龄老党员和因患老年疾病导致行动不便的党员达200人以上，社区组织的党员"
                        + "活动很难达到完整的覆盖率，对这部分党员日常管理和开展宣传教育的手段、频次、深度还不是很到位。",
                "教育管理", Severity.MAJOR, found, new ResponsibilityItemRef(agreement, "edu"));
        analyse(elderly, "党员中高龄、患病老党员数量大，而对其服务的人员有限，也没有发挥支部成员积极性。");

        IssueId leadership = IssueId.of("issue-weak-leadership");
        register(leadership, "党建引领作用发挥不强，创新力不够",
                "主题党日活动不够鲜明活泼，组织生活会等学习活动招法还不是很新颖，对上级部门下发方案缺少针对性的研磨，学习讨论"
                        + "仅限于支部书记、委员念稿子做表态、其他人听讲，很难做到全员积极发言。",
                "组织建设", Severity.MINOR, found, null);
        analyse(leadership, "观念更新不够到位，习惯于旧的思维方法，习惯于凭经验、靠过去行政管理的方式开展工作，缺乏创新。");

        LocalDate planned = today.minusDays(70);
        // extended: the WeChat group needs longer than planned; the extension was asked before the deadline
        RectificationId wechat = plan(mobile, "rect-wechat-group", "利用党员微信群对在册流动党员进行管理，按“小型、分散、灵活”"
                + "原则组织活动", RectificationType.WITHIN_DEADLINE, planned, today.minusDays(5), "在册流动党员全部入群");
        approve(wechat);
        evidence(wechat, "ev-wechat-screenshot", "流动党员微信群截图.png", "image/png",
                HexFormat.of().parseHex(PNG_HEX));
        progress(wechat, 60, "微信群已建立，38名流动党员入群", List.of("ev-wechat-screenshot"), today.minusDays(30));
        as("secretary", "sqdw", "UNIT_LEAD");
        send(new RequestExtension(wechat, null, ExtensionRequestId.of("ext-wechat-1"), "部分流动党员春节后才返回，需延期联络",
                today.plusDays(40), today.minusDays(10)), "部分流动党员春节后才返回，需延期联络");
        as("supervisor", "jgw", "SUPERVISOR");
        send(new ApproveExtension(wechat, null, ExtensionRequestId.of("ext-wechat-1"), null, "同意延期"), null);

        // closed (销号): young members volunteer in the community
        RectificationId volunteers = plan(mobile, "rect-young-volunteers", "通过主动服务、引导参与、积分奖励等方式，鼓励年轻党员"
                + "积极参与社区志愿服务", RectificationType.IMMEDIATE, planned, today.minusDays(40), "年轻党员参与率明显提升");
        approve(volunteers);
        closeWithEvidence(volunteers, "ev-volunteer-records", "志愿服务积分记录.pdf", "application/pdf",
                pdf("Volunteer service points record (demo)"), today.minusDays(45));

        // closed, then reopened by a later check: pairing young members with elderly ones
        RectificationId pairing = plan(elderly, "rect-pairing", "采取“双服务”工作模式，由年轻党员和一至两名老党员结对子，上门走访、"
                + "电话联系、发放学习材料", RectificationType.WITHIN_DEADLINE, planned, today.minusDays(20), "高龄党员结对全覆盖");
        approve(pairing);
        closeWithEvidence(pairing, "ev-pairing-list", "结对名单.txt", "text/plain",
                ("向阳里社区党委 “双服务”结对名单（演示数据）\n"
                        + "第一党支部：青年党员 2 名，结对高龄党员 4 名\n"
                        + "第二党支部：青年党员 3 名，结对高龄党员 5 名\n").getBytes(StandardCharsets.UTF_8),
                today.minusDays(25));
        as("supervisor", "jgw", "SUPERVISOR");
        send(new ReopenRectification(pairing, null, "回访发现部分结对未开展上门走访，整改成果不巩固", today.plusDays(30), null,
                today.minusDays(3)), "回访发现部分结对未开展上门走访，整改成果不巩固");

        // overdue: the remote online study meeting has not been held yet
        RectificationId remote = plan(elderly, "rect-remote-study", "召开“远程在线党员学习会”，让行动不便的老党员在家参加学习",
                RectificationType.WITHIN_DEADLINE, planned, today.minusDays(8), "每季度至少一次远程学习会");
        approve(remote);
        progress(remote, 30, "已调研老党员设备情况，正在联系技术支持", List.of(), today.minusDays(20));

        // long-term: interactive study, group practice
        RectificationId interactive = plan(leadership, "rect-interactive-study", "尝试采用互动式交流、小组主题实践等方式开展党员"
                + "学习、集中讨论、组织生活会，提高参与率", RectificationType.LONG_TERM, planned, today.plusDays(120),
                "全员积极发言，参与率达到90%");
        approve(interactive);
        progress(interactive, 40, "第三党支部试点小组主题实践，发言人数明显增加", List.of(), today.minusDays(12));
    }

    // ------------------------------------------------------------------------------------------------------
    // steps

    private void item(AgreementId agreement, String id, String category, String content, int weight) {
        send(new AddItem(agreement, null, ResponsibilityItemId.of(id), category, content, weight));
    }

    private void task(AgreementId agreement, String id, String item, String description, UnitId assignee,
                      String assigneeName, LocalDate due) {
        send(new PlanTask(agreement, null, TaskId.of(id), ResponsibilityItemId.of(item), description, assignee,
                assigneeName, due));
    }

    private void sign(AgreementId agreement, Party party, String signer, LocalDate on) {
        send(new SignAgreement(agreement, null, party, signer, on));
    }

    private void register(IssueId id, String title, String description, String category, Severity severity,
                          LocalDate foundOn, ResponsibilityItemRef item) {
        as("committee", "sqdw", "SUPERVISOR");
        send(new RegisterIssue(id, title, description, IssueSource.SELF_EXAMINATION, "社区党委半年工作报告 自查", category,
                severity, SQDW, SQDW, foundOn, item));
        as("secretary", "sqdw", "UNIT_LEAD");
        send(new AcknowledgeIssue(id, null, "已签收"));
    }

    private void analyse(IssueId id, String analysis) {
        send(new RecordRootCause(id, null, analysis));
    }

    private RectificationId plan(IssueId issue, String id, String measure, RectificationType type, LocalDate plannedOn,
                                 LocalDate deadline, String target) {
        RectificationId item = RectificationId.of(id);
        as("secretary", "sqdw", "UNIT_LEAD");
        send(new PlanRectification(issue, null, item, measure, type, SQDW, "王书记", "环湖街工委 刘书记", deadline, target,
                plannedOn));
        return item;
    }

    private void approve(RectificationId item) {
        as("supervisor", "jgw", "SUPERVISOR");
        send(new ApprovePlan(item, null, "同意整改方案"));
    }

    /**
     * Stores {@code content} in the evidence store, as an upload would, and attaches it with the hash, size and
     * type of what was stored, so that the demo evidence can be downloaded like any other. The type detected from
     * the bytes must be the declared one: the demo must not record what an upload would have refused.
     */
    private void evidence(RectificationId item, String id, String name, String mediaType, byte[] content) {
        EvidenceStore.Stored stored;
        try {
            String detected = EvidenceType.detect(() -> new ByteArrayInputStream(content))
                    .map(EvidenceType::mediaType).orElse(null);
            if (!mediaType.equals(detected)) {
                throw new IllegalStateException("demo evidence " + name + " is declared " + mediaType
                        + " but its bytes are " + detected);
            }
            stored = evidenceStore.put(new ByteArrayInputStream(content), MAX_DEMO_FILE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the demo evidence " + name, e);
        }
        as("secretary", "sqdw", "UNIT_LEAD");
        send(new AttachEvidence(item, null, EvidenceId.of(id), name, mediaType, stored.size(), stored.sha256()));
    }

    /** A minimal but well-formed one-page PDF showing {@code text} (ASCII), with a correct cross-reference table. */
    static byte[] pdf(String text) {
        String stream = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void progress(RectificationId item, int percent, String note, List<String> evidence, LocalDate on) {
        as("secretary", "sqdw", "UNIT_LEAD");
        send(new ReportProgress(item, null, percent, note, evidence.stream().map(EvidenceId::of).toList(), on));
    }

    private void closeWithEvidence(RectificationId item, String evidenceId, String name, String mediaType,
                                   byte[] content, LocalDate on) {
        evidence(item, evidenceId, name, mediaType, content);
        progress(item, 100, "已全部完成", List.of(evidenceId), on);
        send(new RequestClosure(item, null, "整改措施已全部落实，申请销号", List.of(EvidenceId.of(evidenceId)), on));
        as("supervisor", "jgw", "SUPERVISOR");
        send(new VerifyClosure(item, null, VerificationOutcome.CLOSED, "经核查，整改到位，同意销号", on));
    }

    private void send(Object command) {
        send(command, null);
    }

    private void send(Object command, String reason) {
        appended.addAll(sender.sendWithoutWaiting(command, reason));
    }

    /** Acts as the given demo user from now on: the stored events name who did what, as real ones would. */
    private static void as(String user, String unit, String role) {
        LedgerUser principal = new LedgerUser(user, "", List.of(new SimpleGrantedAuthority("ROLE_" + role)), unit);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    }
}
