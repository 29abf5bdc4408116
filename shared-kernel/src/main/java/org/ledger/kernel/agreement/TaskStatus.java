package org.ledger.kernel.agreement;

import org.ledger.kernel.Labelled;

/** Where a task (任务) stands. Overdue is not a status: it is derived from the due date when read. */
public enum TaskStatus implements Labelled {
    /** Planned, no progress reported yet. */
    OPEN("未开始"),
    /** Progress reported, not completed. */
    IN_PROGRESS("进行中"),
    /** Reported completed; final. */
    COMPLETED("已完成");

    private final String label;

    TaskStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
