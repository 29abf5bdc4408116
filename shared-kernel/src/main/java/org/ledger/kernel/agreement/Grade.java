package org.ledger.kernel.agreement;

import org.ledger.kernel.Labelled;

/** The grade of an assessment (考评等次). Some agreements say 好/较好/一般/差; they map one to one onto these. */
public enum Grade implements Labelled {
    /** 优秀 (好). */
    EXCELLENT("优秀"),
    /** 良好 (较好). */
    GOOD("良好"),
    /** 合格 (一般). */
    PASS("合格"),
    /** 不合格 (差). */
    FAIL("不合格");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
