package org.ledger.benchmark;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One complete rectification lifecycle, as the README's walk through it sends it, each step one command counted
 * in the command load: the supervisor registers an issue for branch-1; the branch lead acknowledges it and plans
 * two items; the supervisor approves both plans; the lead attaches evidence to the first item, reports progress
 * three times and asks for closure; the supervisor verifies it closed. 12 commands.
 *
 * <p>Which account sends which step follows the access rules: the supervising unit (jgw) registers, approves and
 * verifies; the responsible unit's lead (branch-1) acknowledges, plans, reports and requests closure.
 */
final class Lifecycle {

    static final int COMMANDS = 12;

    /** Something wants to know when a command on a rectification item was answered, and with which version. */
    interface Observer {
        void answered(String itemId, long version, long answeredAtNanos);
    }

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai"); // the application's default ledger.zone

    private final Http http;
    private final String prefix;
    private final Latency commands;
    private final Observer observer;
    private long counter;

    /**
     * @param prefix   makes this client's ids unique (ids are client-chosen, as the API allows)
     * @param commands where each command's latency goes (null: nowhere, e.g. the freshness probe's own commands)
     * @param observer told about every answered item command (null: nobody)
     */
    Lifecycle(Http http, String prefix, Latency commands, Observer observer) {
        this.http = http;
        this.prefix = prefix;
        this.commands = commands;
        this.observer = observer;
    }

    /** Runs one lifecycle; answers the id of the item it closed, or null when a step failed (counted as error). */
    String run() {
        long n = counter++;
        String issue = prefix + "-i" + n;
        String first = issue + "-r1";
        String second = issue + "-r2";
        LocalDate today = LocalDate.now(ZONE);
        String deadline = today.plusDays(90).toString();
        boolean ok = step(null, () -> http.post("supervisor", "/api/issues", issue(issue, today)))
                && step(null, () -> http.post("lead", "/api/issues/" + issue + "/acknowledgement",
                Map.of("reason", "已签收")))
                && step(first, () -> http.post("lead", "/api/issues/" + issue + "/rectifications", plan(first, deadline)))
                && step(second, () -> http.post("lead", "/api/issues/" + issue + "/rectifications",
                plan(second, deadline)))
                && step(first, () -> http.post("supervisor", "/api/rectifications/" + first + "/plan-approval",
                Map.of("comment", "同意")))
                && step(second, () -> http.post("supervisor", "/api/rectifications/" + second + "/plan-approval",
                Map.of("comment", "同意")))
                && step(first, () -> http.uploadText("lead", "/api/rectifications/" + first + "/evidence", "ev-1",
                "evidence.txt", "流动党员微信群已建立，38人入群。\n"))
                && step(first, () -> progress(first, 30))
                && step(first, () -> progress(first, 60))
                && step(first, () -> progress(first, 90))
                && step(first, () -> http.post("lead", "/api/rectifications/" + first + "/closure-request",
                Map.of("statement", "联系率100%", "evidenceIds", List.of("ev-1"))))
                && step(first, () -> http.post("supervisor", "/api/rectifications/" + first + "/verification",
                Map.of("outcome", "CLOSED", "comment", "同意销号")));
        return ok ? first : null;
    }

    /**
     * Opens one item and brings it to where progress reports are accepted: the supervisor registers an issue, the
     * lead acknowledges it and plans one item, the supervisor approves the plan (4 commands, recorded like the
     * lifecycle's). For workload 5 (long streams, {@link LongStream}). Answers the item's id, or null when a step
     * failed (counted as error).
     */
    String itemInProgress() {
        long n = counter++;
        String issue = prefix + "-o" + n;
        String item = issue + "-r1";
        LocalDate today = LocalDate.now(ZONE);
        boolean ok = step(null, () -> http.post("supervisor", "/api/issues", issue(issue, today)))
                && step(null, () -> http.post("lead", "/api/issues/" + issue + "/acknowledgement",
                Map.of("reason", "已签收")))
                && step(item, () -> http.post("lead", "/api/issues/" + issue + "/rectifications",
                plan(item, today.plusDays(90).toString())))
                && step(item, () -> http.post("supervisor", "/api/rectifications/" + item + "/plan-approval",
                Map.of("comment", "同意")));
        return ok ? item : null;
    }

    /** One progress report of the branch lead on an item of {@link #itemInProgress()} (it has no evidence). */
    Http.Answer progressWithoutEvidence(String item, int percent) {
        return http.post("lead", "/api/rectifications/" + item + "/progress-reports",
                Map.of("percent", percent, "note", "已完成" + percent + "%"));
    }

    private Http.Answer progress(String item, int percent) {
        return http.post("lead", "/api/rectifications/" + item + "/progress-reports",
                Map.of("percent", percent, "note", "已完成" + percent + "%", "evidenceIds", List.of("ev-1")));
    }

    private static Map<String, Object> issue(String id, LocalDate today) {
        return Map.of("id", id,
                "title", "流动党员管理存在欠缺", "description", "对外出务工、经商的党员管理不到位，联系方式更新不及时。",
                "source", "SELF_EXAMINATION", "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                "foundOn", today.toString());
    }

    private static Map<String, Object> plan(String id, String deadline) {
        return Map.of("id", id, "measure", "建立流动党员微信群，每月推送学习资料", "type", "WITHIN_DEADLINE",
                "ownerUnitId", "branch-1", "ownerName", "张明", "deadline", deadline);
    }

    private boolean step(String item, java.util.function.Supplier<Http.Answer> command) {
        long start = System.nanoTime();
        Http.Answer answer;
        try {
            answer = command.get();
        } catch (RuntimeException noAnswer) {
            if (commands != null) {
                commands.error();
            }
            Errors.report("command without answer: " + noAnswer);
            return false;
        }
        long end = System.nanoTime();
        if (!answer.ok()) {
            if (commands != null) {
                commands.error();
            }
            Errors.report("command answered " + answer.status() + ": " + answer.raw());
            return false;
        }
        if (commands != null) {
            commands.record(end - start);
        }
        if (observer != null && item != null) {
            observer.answered(item, answer.version(), end);
        }
        return true;
    }

}
