package org.ledger.kernel.issue;

import org.ledger.kernel.Labelled;

/** Where an issue was found (问题来源). */
public enum IssueSource implements Labelled {
    INSPECTION("专项督查"),
    LOOK_BACK("回头看"),
    PATROL_FEEDBACK("巡视巡察反馈"),
    SELF_EXAMINATION("自查"),
    ORGANIZATIONAL_LIFE_MEETING("组织生活会"),
    DUTY_REPORT("述职评议"),
    PUBLIC_REPORT("群众反映"),
    OTHER("其他");

    private final String label;

    IssueSource(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
