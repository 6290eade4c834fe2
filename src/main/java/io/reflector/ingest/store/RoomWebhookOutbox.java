package io.reflector.ingest.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The room webhook's transactional outbox (spec §9.4): one delivery per transcript completion, written in the
 * transaction that ends the transcript, with an event id that every attempt and replay sends again. Deliveries
 * are claimed with a lease, so several instances never send the same one at once and a crash mid-attempt only
 * delays it.
 */
@Repository
public class RoomWebhookOutbox {
    private static final RowMapper<WebhookAttempt> ATTEMPT = (rs, i) -> new WebhookAttempt(rs.getInt("attempt"),
            Rows.instant(rs, "attempted_at"), (Integer) rs.getObject("status_code"), rs.getString("error"),
            WebhookAttempt.Outcome.of(rs.getString("outcome")));

    private final JdbcClient jdbc;

    RoomWebhookOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A delivery that is due, claimed until the lease ends.
     *
     * @param run              the transcript's run whose completion this delivery announces
     * @param claimToken       this claim's: an attempt is recorded only while the claim is still this one
     * @param previousAttempts every attempt so far; the next one is sent with this {@code X-Webhook-Retry}
     * @param attemptsInWindow the failed attempts since {@code retryingSince}, which set the back-off
     */
    public record DueDelivery(String eventId, String transcriptId, int run, String roomId, String claimToken,
                              int previousAttempts, int attemptsInWindow, Instant retryingSince) {
    }

    /** What the transcript.completed payload is made of, read when an attempt is made. */
    public record CompletedTranscript(String id, String roomId, int run, String status, Instant createdAt,
                                      Double durationMs, String wordsJson, String participantsJson) {
    }

    /**
     * Called in the transaction that sets the transcript {@code ended}: a delivery of the run that ended, when its
     * room has a webhook URL.
     */
    public void completed(String transcriptId) {
        jdbc.sql("""
                        insert into room_webhook_delivery (event_id, transcript_id, run, room_id)
                        select :eventId, t.id, t.run, t.room_id from transcript t join room r on r.id = t.room_id
                        where t.id = :transcriptId and coalesce(r.webhook_url, '') <> ''""")
                .param("eventId", UUID.randomUUID().toString().replace("-", ""))
                .param("transcriptId", transcriptId)
                .update();
    }

    /** Pending deliveries due at {@code now}, oldest first; rows another instance holds are skipped. */
    @Transactional
    public List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update room_webhook_delivery d set next_attempt_at = :leaseUntil, claim_token = :token,
                            updated_at = now()
                        where d.event_id in (select event_id from room_webhook_delivery
                                             where status = 'pending' and next_attempt_at <= :now
                                             order by next_attempt_at limit :limit
                                             for update skip locked)
                        returning d.event_id, d.transcript_id, d.run, d.room_id, d.claim_token, d.attempts,
                            d.retrying_since,
                            (select count(*) from room_webhook_attempt a
                             where a.event_id = d.event_id and a.attempted_at >= d.retrying_since) as in_window""")
                .param("now", Rows.timestamp(now)).param("leaseUntil", Rows.timestamp(leaseUntil))
                .param("token", UUID.randomUUID().toString()).param("limit", limit)
                .query((rs, i) -> new DueDelivery(rs.getString("event_id"), rs.getString("transcript_id"),
                        rs.getInt("run"), rs.getString("room_id"), rs.getString("claim_token"),
                        rs.getInt("attempts"), rs.getInt("in_window"), Rows.instant(rs, "retrying_since")))
                .list();
    }

    public Optional<CompletedTranscript> transcript(String transcriptId) {
        return jdbc.sql("""
                        select id, room_id, run, status, created_at, duration_ms, words::text as words,
                            participants::text as participants
                        from transcript where id = :id""")
                .param("id", transcriptId)
                .query((rs, i) -> new CompletedTranscript(rs.getString("id"), rs.getString("room_id"),
                        rs.getInt("run"), rs.getString("status"), Rows.instant(rs, "created_at"),
                        Rows.nullableDouble(rs, "duration_ms"), rs.getString("words"),
                        rs.getString("participants")))
                .optional();
    }

    /**
     * Records an attempt and moves the delivery on: {@code delivered}, {@code given_up}, or pending until
     * {@code nextAttemptAt}. Only while the claim is still {@code claimToken} and the attempt is the next one: a
     * claim that was overtaken (its lease ended, or a replay) records nothing.
     *
     * @return whether the attempt was recorded
     */
    @Transactional
    public boolean attempted(String eventId, String claimToken, WebhookAttempt attempt, Instant nextAttemptAt) {
        int updated = jdbc.sql("""
                        update room_webhook_delivery set status = :status, next_attempt_at = :next,
                            attempts = attempts + 1, claim_token = null, updated_at = now(),
                            given_up_reason = case when :status = 'given_up' then :error end
                        where event_id = :eventId and claim_token = :token and attempts = :attempt""")
                .param("status", attempt.outcome().deliveryStatus()).param("error", attempt.error())
                .param("next", Rows.timestamp(nextAttemptAt)).param("eventId", eventId)
                .param("token", claimToken).param("attempt", attempt.attempt())
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                        insert into room_webhook_attempt (event_id, attempt, attempted_at, status_code, error, outcome)
                        values (:eventId, :attempt, :attemptedAt, :statusCode, :error, :outcome)""")
                .param("eventId", eventId).param("attempt", attempt.attempt())
                .param("attemptedAt", Rows.timestamp(attempt.attemptedAt()))
                .param("statusCode", attempt.statusCode()).param("error", attempt.error())
                .param("outcome", attempt.outcome().id())
                .update();
        return true;
    }

    /**
     * Gives a claimed delivery up without sending it: what it would send is gone or no longer the transcript's.
     *
     * @return whether the claim was still {@code claimToken}
     */
    public boolean givenUp(String eventId, String claimToken, String reason) {
        return jdbc.sql("""
                        update room_webhook_delivery set status = 'given_up', given_up_reason = :reason,
                            claim_token = null, updated_at = now()
                        where event_id = :eventId and claim_token = :token""")
                .param("reason", reason).param("eventId", eventId).param("token", claimToken)
                .update() == 1;
    }

    /**
     * A manual replay: due now, with the same event id and a fresh retry window; not while an attempt is in flight
     * (claimed, its lease running), which records its own outcome.
     *
     * @return empty when there is no such delivery, or its attempt is in flight
     */
    public Optional<WebhookDelivery> replay(String eventId, Instant now) {
        int updated = jdbc.sql("""
                        update room_webhook_delivery set status = 'pending', next_attempt_at = :now,
                            retrying_since = :now, given_up_reason = null, claim_token = null, updated_at = now()
                        where event_id = :eventId and (claim_token is null or next_attempt_at <= :now)""")
                .param("eventId", eventId).param("now", Rows.timestamp(now))
                .update();
        return updated == 0 ? Optional.empty() : find(eventId);
    }

    public Optional<WebhookDelivery> find(String eventId) {
        return deliveries("where event_id = :key", eventId).stream().findFirst();
    }

    /** A room's deliveries, newest first, each with its attempts; {@code limit} at most, from {@code cursor} on. */
    public Page<WebhookDelivery> forRoom(String roomId, int limit, Page.Cursor cursor) {
        List<WebhookDelivery> rows = deliveries("""
                where room_id = :key
                  and (cast(:at as timestamptz) is null or (created_at, event_id) < (cast(:at as timestamptz), :id))
                order by created_at desc, event_id desc limit :limit""", roomId,
                Map.of("limit", limit + 1), cursor);
        return Page.of(rows, limit, delivery -> new Page.Cursor(delivery.createdAt(), delivery.eventId()));
    }

    private List<WebhookDelivery> deliveries(String where, String key) {
        return deliveries(where, key, Map.of(), Page.Cursor.START);
    }

    private List<WebhookDelivery> deliveries(String where, String key, Map<String, Object> parameters,
                                             Page.Cursor cursor) {
        record Row(String eventId, String transcriptId, String roomId, String status, String givenUpReason,
                   Instant nextAttemptAt, Instant retryingSince, Instant createdAt, Instant updatedAt) {
        }
        List<Row> rows = jdbc.sql("select * from room_webhook_delivery " + where)
                .param("key", key).param("at", Rows.timestamp(cursor.at())).param("id", cursor.id())
                .params(parameters)
                .query((rs, i) -> new Row(rs.getString("event_id"), rs.getString("transcript_id"),
                        rs.getString("room_id"), rs.getString("status"), rs.getString("given_up_reason"),
                        Rows.instant(rs, "next_attempt_at"),
                        Rows.instant(rs, "retrying_since"), Rows.instant(rs, "created_at"),
                        Rows.instant(rs, "updated_at")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<WebhookAttempt>> attempts = jdbc.sql("""
                        select * from room_webhook_attempt where event_id in (:eventIds) order by attempt""")
                .param("eventIds", rows.stream().map(Row::eventId).toList())
                .query((rs, i) -> Map.entry(rs.getString("event_id"), ATTEMPT.mapRow(rs, i)))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return rows.stream()
                .map(row -> new WebhookDelivery(row.eventId(), row.transcriptId(), row.roomId(), row.status(),
                        row.givenUpReason(), "pending".equals(row.status()) ? row.nextAttemptAt() : null, row.retryingSince(),
                        row.createdAt(), row.updatedAt(), attempts.getOrDefault(row.eventId(), List.of())))
                .toList();
    }
}
