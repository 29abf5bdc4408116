package org.ledger.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** An event's timestamp reads as Axon's own parser reads it, whatever the text. */
class EventTimestampTest {

    @Test
    void whatAxonWritesReadsAsAxonReadsIt() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 4_102_444_800_000L))
                    .plusNanos(random.nextInt(1_000_000));
            String text = DateTimeUtils.formatInstant(instant);
            assertThat(EventTimestamp.parse(text)).as(text)
                    .isEqualTo(DateTimeUtils.parseInstant(text))
                    .isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Test
    void otherFormsReadAsAxonReadsThem() {
        for (String text : List.of("2026-11-28T06:30:21.7Z", "2026-11-28T06:30:21.123456Z",
                "2026-11-28T06:30:21.123456789Z", "2026-11-28T14:30:21.702+08:00", "2026-11-28T06:30:21Z",
                "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00.000Z")) {
            assertThat(EventTimestamp.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @Test
    void whatAxonCannotReadIsNotReadEither() {
        for (String text : List.of("2026-02-30T06:30:21.702Z", "2026-13-28T06:30:21.702Z", "2026-11-28T24:30:21.702Z",
                "2026-11-28T06:30:61.702Z", "2026-11-28T06:3x:21.702Z", "2026-11-28 06:30:21.702Z", "")) {
            assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> EventTimestamp.parse(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
