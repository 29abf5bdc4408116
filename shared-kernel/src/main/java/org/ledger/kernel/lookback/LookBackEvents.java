package org.ledger.kernel.lookback;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;

/** Events of the {@code LookBack} aggregate, each with a {@link Revision}. */
public final class LookBackEvents {

    private LookBackEvents() {
    }

    @Revision("1")
    public record LookBackOpened(LookBackId lookBackId, String name, List<UnitId> unitIds, LocalDate closedFrom,
                                 LocalDate closedTo, SamplingMode samplingMode, int samplingValue, long seed,
                                 String openedBy) {
    }

    /**
     * The sample, with everything needed to reproduce it: the candidates (sorted by id) and the seed of the
     * campaign give the same draw again.
     */
    @Revision("1")
    public record SampleDrawn(LookBackId lookBackId, List<RectificationId> candidates,
                              List<RectificationId> sample, long seed) {
    }

    @Revision("1")
    public record CheckRecorded(LookBackId lookBackId, RectificationId rectificationId, CheckOutcome outcome,
                                String finding, LocalDate newDeadline, IssueId newIssueId, String newIssueTitle,
                                UnitId responsibleUnitId, UnitId raisedByUnitId, String checkedBy,
                                LocalDate checkedOn) {
    }

    @Revision("1")
    public record LookBackCompleted(LookBackId lookBackId, String summary, int confirmed, int rebounded,
                                    int newIssues) {
    }
}
