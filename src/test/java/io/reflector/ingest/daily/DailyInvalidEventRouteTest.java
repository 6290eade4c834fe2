package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.InboxEvents;

/**
 * A correctly signed Daily event whose payload is not what its type says, through the real webhook, queue and
 * database: stored and answered 200, then done with after one attempt, marked invalid with its reason.
 */
class DailyInvalidEventRouteTest extends EmbeddedDefaultTest {
    @Autowired
    JdbcClient jdbc;

    record InboxRow(int attempts, String error) {
    }

    @Test
    void aReadyEventWithoutRecordingIdIsMarkedInvalidAfterOneAttempt() {
        String event = DailyWebhooks.envelope("rec-rtd-" + UUID.randomUUID(), "recording.ready-to-download",
                "{\"type\":\"raw-tracks\",\"room_name\":\"invalid-" + UUID.randomUUID() + "\",\"tracks\":[]}");

        assertThat(new DailyWebhooks(http()).post(event).statusCode()).isEqualTo(200);
        new InboxEvents(jdbc).awaitProcessed(event);

        assertThat(jdbc.sql("select attempts, error_msg from inbox_event where provider = 'daily' and event_id = :id")
                .param("id", InboxEvents.idOf(event))
                .query((rs, i) -> new InboxRow(rs.getInt("attempts"), rs.getString("error_msg"))).single())
                .isEqualTo(new InboxRow(1,
                        "invalid event: recording.ready-to-download payload has no 'recording_id'"));
    }
}
