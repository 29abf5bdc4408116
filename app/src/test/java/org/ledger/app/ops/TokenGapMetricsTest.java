package org.ledger.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

/** What the soak mode reads as "token-store gaps": the gaps Axon keeps in a processor's token. */
class TokenGapMetricsTest {

    @Test
    void countsTheGapsOfAGapAwareToken() {
        assertThat(TokenGapMetrics.gaps(GapAwareTrackingToken.newInstance(10, List.of(3L, 5L, 7L)))).isEqualTo(3);
        assertThat(TokenGapMetrics.gaps(GapAwareTrackingToken.newInstance(10, List.of()))).isZero();
    }

    @Test
    void countsTheGapsOfTheTokenARebuildIsReplayingFrom() {
        GapAwareTrackingToken atReset = GapAwareTrackingToken.newInstance(100, List.of(98L));
        GapAwareTrackingToken current = GapAwareTrackingToken.newInstance(40, List.of(37L, 38L));
        assertThat(TokenGapMetrics.gaps(ReplayToken.createReplayToken(atReset, current))).isEqualTo(2);
    }

    @Test
    void aSegmentWithoutTokenOrWithAnotherKindOfTokenHasNoGaps() {
        assertThat(TokenGapMetrics.gaps((org.axonframework.eventhandling.TrackingToken) null)).isZero();
        assertThat(TokenGapMetrics.gaps(new GlobalSequenceTrackingToken(5))).isZero();
    }
}
