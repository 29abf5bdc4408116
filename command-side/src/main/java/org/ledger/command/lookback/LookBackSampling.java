package org.ledger.command.lookback;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.ledger.command.access.ActorScope;
import org.ledger.command.lookback.registry.ClosedItemRegistry;
import org.ledger.command.unit.registry.UnitRegistry;
import org.ledger.kernel.lookback.LookBackCommands.DrawSample;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;
import org.springframework.stereotype.Component;

/**
 * Handles {@link DrawSample}: finds the items closed in the campaign's scope (its units' subtrees, its period)
 * in the command side's registries, and hands them to the campaign, which draws from them. The lookup lives
 * here so that the aggregate itself stays free of I/O.
 */
@Component
class LookBackSampling {

    private final Repository<LookBack> repository;
    private final ClosedItemRegistry items;
    private final UnitRegistry units;

    LookBackSampling(Repository<LookBack> repository, ClosedItemRegistry items, UnitRegistry units) {
        this.repository = repository;
        this.items = items;
        this.units = units;
    }

    @CommandHandler
    void handle(DrawSample command, ActorScope actor) {
        repository.load(command.lookBackId().value(), command.expectedVersion())
                .execute(campaign -> campaign.drawSample(closedInScope(campaign.scope()), actor));
    }

    private List<RectificationId> closedInScope(LookBack.Scope scope) {
        Set<String> owners = new LinkedHashSet<>();
        for (UnitId unit : scope.unitIds()) {
            units.subtree(unit).forEach(member -> owners.add(member.value()));
        }
        return items.closedBetween(owners, scope.closedFrom(), scope.closedTo());
    }
}
