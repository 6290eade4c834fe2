package io.reflector.ingest.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.reflector.ingest.events.EventLog;
import io.reflector.ingest.store.RecordingOverviews;
import io.reflector.ingest.store.RecordingOverviews.RecordingOverview;
import io.reflector.ingest.store.Transcript;

/**
 * The recordings page ({@code /ui}, static files under {@code static/ui}) and the JSON it reads, behind the ops
 * login. Its live updates, audio and waveform come from the {@code /ui/api} twins of the /v1 endpoints
 * ({@link EventStreamController}, {@link AudioController}).
 */
@Controller
class RecordingsPageController {
    private final RecordingOverviews recordings;
    private final EventLog eventLog;
    private final TranscriptController transcripts;

    RecordingsPageController(RecordingOverviews recordings, EventLog eventLog, TranscriptController transcripts) {
        this.recordings = recordings;
        this.eventLog = eventLog;
        this.transcripts = transcripts;
    }

    @GetMapping({"/ui", "/ui/"})
    String page() {
        return "forward:/ui/index.html";
    }

    /**
     * The newest recordings, and the event id from which {@code /ui/api/events?last_event_id=} brings the progress
     * of those being processed up to date.
     */
    @GetMapping("/ui/api/recordings")
    @ResponseBody
    Map<String, Object> list(@RequestParam(required = false) String status,
                             @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit: must be between 1 and 1000");
        }
        List<RecordingOverview> recent = recordings.recent(status == null || status.isBlank() ? null : status, limit);
        return Map.of("recordings", recent, "replay_from", eventLog.beforeRunsInProgress());
    }

    /** One recording with its words (the rest of its story comes from its event stream). */
    @GetMapping("/ui/api/recordings/{transcriptId}")
    @ResponseBody
    Map<String, Object> recording(@PathVariable String transcriptId) {
        RecordingOverview overview = recordings.find(transcriptId)
                .orElseThrow(() -> new NotFoundException("transcript", transcriptId));
        Transcript transcript = transcripts.get(transcriptId);
        return Map.of("recording", overview, "words", transcript.words());
    }

    /**
     * {@code POST /v1/transcripts/{id}/process} for the page. Only with a JSON body: a form on another site, which
     * the browser would send with the ops login, cannot have that content type without a CORS preflight we never
     * grant.
     */
    @PostMapping(path = "/ui/api/transcripts/{id}/process", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> process(@PathVariable String id) {
        return transcripts.process(id);
    }
}
