package org.ledger.command.access;

import org.ledger.kernel.Rule;

/**
 * Who may send which command (DESIGN.md §6), each checked by the aggregate against its own data with the
 * {@link ActorScope} of the command. ADMIN passes every rule; AUDITOR and VIEWER pass none.
 */
public enum AccessRule implements Rule {
    RegisterIssueBySupervisorOfRaisingUnit(
            "an issue is registered by a supervisor whose subtree contains the raising unit"),
    DismissIssueBySupervisorOfRaisingUnit(
            "an issue is dismissed by a supervisor whose subtree contains the raising unit"),
    IssueWorkByLeadOfResponsibleUnit(
            "an issue is acknowledged, analysed and planned by the lead of its responsible unit"),
    ItemWorkByLeadOfOwnerUnit(
            "plan revisions, progress, evidence, extension and closure requests come from the lead of the owner unit"),
    ItemDecisionBySupervisorOfOwnerUnit(
            "plans and extensions are decided, and items reopened, by a supervisor whose subtree contains the owner unit"),
    VerifierFromSupervisingSide(
            "a closure is verified by a supervisor above the owner unit (subtree contains it, own unit is not it)"),
    LookBackBySupervisorOfItsUnits(
            "a look-back is opened, sampled, checked and completed by a supervisor whose subtree contains its units"),
    UnitManagedFromAbove(
            "a unit is registered, renamed, moved or dissolved by a supervisor of a unit above it; roots by an admin"),
    AgreementBySupervisorOfIssuer(
            "an agreement is drafted, amended, signed for the issuer, assessed and archived by a supervisor of the issuer unit"),
    ResponsibleSignatureByItsLead(
            "the responsible party signs through the lead of the responsible unit"),
    TaskProgressByAssigneeLead(
            "task progress is reported by the lead of the task's assignee unit");

    private final String description;

    AccessRule(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
