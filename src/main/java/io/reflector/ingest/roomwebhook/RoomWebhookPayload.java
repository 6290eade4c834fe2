package io.reflector.ingest.roomwebhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import io.reflector.ingest.json.PythonFloat;
import io.reflector.ingest.store.Room;
import io.reflector.ingest.store.RoomWebhookOutbox.CompletedTranscript;
import io.reflector.ingest.store.TranscriptWord;

/**
 * The bodies of the room webhook, as existing receivers parse them (spec §9.4, §12 #33): compact UTF-8 JSON in
 * Reflector's field order; {@code duration} in milliseconds as a float, participants' {@code speaker} an integer,
 * {@code status} {@code "ended"}, timestamps ISO 8601 strings in UTC. Fields this service has no source for
 * (title, summaries, topics, action items, calendar event) are sent empty, as Reflector sends them when unset.
 */
public final class RoomWebhookPayload {
    public static final String COMPLETED = "transcript.completed";
    public static final String TEST = "test";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<TranscriptWord>> WORDS = new TypeReference<>() {
    };

    private final String uiBaseUrl;
    private final String language;

    /** @param language the language the tracks are transcribed in; there is no translation */
    public RoomWebhookPayload(String uiBaseUrl, String language) {
        this.uiBaseUrl = uiBaseUrl.replaceAll("/+$", "");
        this.language = language;
    }

    public byte[] completed(String eventId, Instant sentAt, CompletedTranscript transcript, Room room) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", COMPLETED);
        body.put("event_id", eventId);
        body.put("timestamp", sentAt.toString());
        ObjectNode data = body.putObject("transcript");
        data.put("id", transcript.id());
        data.put("room_id", transcript.roomId());
        data.put("created_at", transcript.createdAt().toString());
        if (transcript.durationMs() == null) {
            data.putNull("duration");
        } else {
            // as Python writes a float (15130.0, never 15130 or 1.513E4): receivers tell integers from floats
            data.putRawValue("duration", new RawValue(PythonFloat.repr(transcript.durationMs())));
        }
        data.putNull("title");
        data.putNull("short_summary");
        data.putNull("long_summary");
        data.put("webvtt", WebVtt.of(words(transcript.wordsJson())));
        data.putArray("topics");
        participants(data.putArray("participants"), tree(transcript.participantsJson()));
        data.put("source_language", language);
        data.put("target_language", language);
        data.put("status", "ended");
        data.put("frontend_url", uiBaseUrl + "/transcripts/" + transcript.id());
        data.putNull("action_items");
        room(body, room);
        body.putNull("calendar_event");
        return bytes(body);
    }

    /** {@code POST /v1/rooms/{id}/webhook/test}; the timestamp is a string here too (Reflector once sent an array). */
    public byte[] test(String eventId, Instant sentAt, Room room) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", TEST);
        body.put("event_id", eventId);
        body.put("timestamp", sentAt.toString());
        body.put("message", "This is a test webhook from Reflector");
        room(body, room);
        return bytes(body);
    }

    private static void participants(ArrayNode out, JsonNode participants) {
        for (JsonNode participant : participants) {
            ObjectNode entry = out.addObject();
            entry.set("id", participant.get("id"));
            entry.set("name", participant.get("name"));
            entry.set("speaker", participant.get("speaker"));
        }
    }

    private static void room(ObjectNode body, Room room) {
        ObjectNode node = body.putObject("room");
        node.put("id", room.id());
        node.put("name", room.name());
    }

    private static List<TranscriptWord> words(String json) {
        try {
            return JSON.readValue(json, WORDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("transcript words are not a list of words: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("transcript participants are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
