package io.reflector.ingest.api;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.reflector.ingest.events.EventHub;
import io.reflector.ingest.events.EventsProperties;
import io.reflector.ingest.store.TranscriptRepository;

/**
 * Server-sent events (one-way, plain HTTP, reconnect and {@code Last-Event-ID} built into every browser's
 * EventSource: a WebSocket would add nothing here). Each event is {@code id: <n>} and {@code data: <the event as
 * JSON>}. The same streams serve the recordings page under {@code /ui/api}, behind the ops login.
 */
@RestController
class EventStreamController {
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventHub hub;
    private final TranscriptRepository transcripts;
    private final int maxStreams;

    EventStreamController(EventHub hub, TranscriptRepository transcripts, EventsProperties properties) {
        this.hub = hub;
        this.transcripts = transcripts;
        this.maxStreams = properties.maxStreams();
    }

    /**
     * Everything of the transcript still in the event table (or after {@code Last-Event-ID}), then live. The
     * {@code last_event_id} parameter stands in for the header on a first connection, which EventSource cannot
     * give headers; the header (sent on every reconnect) wins.
     */
    @GetMapping({"/v1/transcripts/{id}/events", "/ui/api/transcripts/{id}/events"})
    SseEmitter transcriptEvents(@PathVariable String id,
                                @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                                @RequestParam(name = "last_event_id", required = false) String lastEventParam) {
        if (transcripts.findById(id).isEmpty()) {
            throw new NotFoundException("transcript", id);
        }
        String after = lastEventId != null ? lastEventId : lastEventParam;
        return open(id, after == null ? 0 : eventId(after));
    }

    /** Every transcript's events from now on (or after {@code Last-Event-ID}, or {@code last_event_id}). */
    @GetMapping({"/v1/events", "/ui/api/events"})
    SseEmitter allEvents(@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                         @RequestParam(name = "last_event_id", required = false) String lastEventParam) {
        String after = lastEventId != null ? lastEventId : lastEventParam;
        return open(null, after == null ? hub.latestId() : eventId(after));
    }

    private SseEmitter open(String transcriptId, long after) {
        return hub.open(transcriptId, after).orElseThrow(TooManyStreams::new);
    }

    private static long eventId(String header) {
        try {
            long id = Long.parseLong(header.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(LAST_EVENT_ID + ": must be the id of an event (a number), not '" + header + "'");
    }

    private static final class TooManyStreams extends RuntimeException {
    }

    /** Named as JSON, not negotiated: the client asked for text/event-stream. */
    @ExceptionHandler(TooManyStreams.class)
    ResponseEntity<Map<String, String>> tooMany() {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", "this instance already serves " + maxStreams
                        + " event streams (reflector.events.max-streams); retry later"));
    }
}
