package org.ledger.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

class ProcessorReadYourWritesCoversTest {

    @Test
    void anIndexIsCoveredWhenTheTokenIsPastItAndItIsNoGap() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(10, Set.of(4L, 7L));
        assertThat(ProcessorReadYourWrites.covers(token, 10)).isTrue();
        assertThat(ProcessorReadYourWrites.covers(token, 8)).isTrue();   // a gap below does not matter
        assertThat(ProcessorReadYourWrites.covers(token, 7)).isFalse();  // the event itself not yet seen
        assertThat(ProcessorReadYourWrites.covers(token, 11)).isFalse();
        // what the naive check gets wrong: a gap below the index makes covers() false for ever (until gap timeout)
        assertThat(token.covers(GapAwareTrackingToken.newInstance(8, Set.of()))).isFalse();
    }

    @Test
    void aReplayIsJudgedByItsCurrentPosition() {
        GapAwareTrackingToken reset = GapAwareTrackingToken.newInstance(100, Set.of());
        GapAwareTrackingToken current = GapAwareTrackingToken.newInstance(40, Set.of());
        var replay = ReplayToken.createReplayToken(reset, current);
        assertThat(ProcessorReadYourWrites.covers(replay, 40)).isTrue();
        assertThat(ProcessorReadYourWrites.covers(replay, 41)).isFalse();
    }
}
