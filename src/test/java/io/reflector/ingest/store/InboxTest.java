package io.reflector.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.support.EmbeddedDefaultTest;

/**
 * The one unit of work of an inboxed event ({@link Inbox#work}), on rows in the real PostgreSQL. The provider is
 * one of the test's own, so no replay sweep of the application takes these events.
 */
class InboxTest extends EmbeddedDefaultTest {
    private static final String PROVIDER = "inbox-test";

    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;

    record Row(int attempts, boolean processed, String error) {
    }

    @Test
    void anEventIsWorkedOnceWithItsStoredPayloadAndMarkedProcessed() {
        String id = added("{\"n\":1}");
        List<Inbox.Event> worked = new ArrayList<>();

        assertThat(inbox.work(PROVIDER, id, worked::add)).isTrue();
        assertThat(inbox.work(PROVIDER, id, worked::add)).isFalse();

        assertThat(worked).containsExactly(new Inbox.Event(PROVIDER, id, "test.event", "{\"n\":1}", 1));
        assertThat(row(id)).isEqualTo(new Row(1, true, null));
    }

    /** The attempt is committed before the work runs, so an event that kills its worker still counts it. */
    @Test
    void theAttemptIsCountedBeforeTheWorkStarts() throws Exception {
        String id = added("{}");
        List<Row> seenByAnotherConnection = new ArrayList<>();

        inbox.work(PROVIDER, id, event -> seenByAnotherConnection.add(
                CompletableFuture.supplyAsync(() -> row(id)).get(30, TimeUnit.SECONDS)));

        assertThat(seenByAnotherConnection).containsExactly(new Row(1, false, null));
    }

    @Test
    void aFailureIsNotedAndRethrownAndTheNextAttemptWorksTheEventAgain() {
        String id = added("{}");
        IllegalStateException failure = new IllegalStateException("the database went away");

        assertThatThrownBy(() -> inbox.work(PROVIDER, id, event -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(row(id)).isEqualTo(new Row(1, false, failure.toString()));

        assertThat(inbox.work(PROVIDER, id, event -> { })).isTrue();
        assertThat(row(id)).isEqualTo(new Row(2, true, null));
    }

    @Test
    void aCheckedFailureIsNotedAndRethrownAsItIs() {
        String id = added("{}");
        IOException failure = new IOException("disk full");

        assertThatThrownBy(() -> inbox.work(PROVIDER, id, event -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(row(id)).isEqualTo(new Row(1, false, failure.toString()));
    }

    @Test
    void anInvalidEventIsDoneWithItsReasonKeptAndNeverWorkedAgain() {
        String id = added("{}");

        assertThat(inbox.work(PROVIDER, id, event -> {
            throw new Inbox.InvalidEvent("payload has no 'recording_id'", null);
        })).isTrue();
        assertThat(row(id)).isEqualTo(new Row(1, true, "invalid event: payload has no 'recording_id'"));

        List<Inbox.Event> worked = new ArrayList<>();
        assertThat(inbox.work(PROVIDER, id, worked::add)).isFalse();
        assertThat(worked).isEmpty();
        assertThat(row(id).attempts()).isEqualTo(1);
    }

    @Test
    void anUnknownEventIsNotWorked() {
        List<Inbox.Event> worked = new ArrayList<>();

        assertThat(inbox.work(PROVIDER, UUID.randomUUID().toString(), worked::add)).isFalse();

        assertThat(worked).isEmpty();
    }

    private String added(String payload) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into inbox_event (provider, event_id, event_type, payload)
                        values (:provider, :id, 'test.event', :payload)""")
                .param("provider", PROVIDER).param("id", id).param("payload", payload).update();
        return id;
    }

    private Row row(String id) {
        return jdbc.sql("""
                        select attempts, processed_at is not null as processed, error_msg from inbox_event
                        where provider = :provider and event_id = :id""")
                .param("provider", PROVIDER).param("id", id)
                .query((rs, i) -> new Row(rs.getInt("attempts"), rs.getBoolean("processed"), rs.getString("error_msg")))
                .single();
    }
}
