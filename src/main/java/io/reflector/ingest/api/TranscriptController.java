package io.reflector.ingest.api;

import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.reflector.ingest.pipeline.Reruns;
import io.reflector.ingest.store.Page;
import io.reflector.ingest.store.Transcript;
import io.reflector.ingest.store.TranscriptRepository;
import io.reflector.ingest.store.TranscriptSummary;

@RestController
@RequestMapping("/v1/transcripts")
class TranscriptController {
    private static final Set<String> STATUSES = Set.of("idle", "uploaded", "processing", "ended", "error");

    private final TranscriptRepository transcripts;
    private final Reruns reruns;

    TranscriptController(TranscriptRepository transcripts, Reruns reruns) {
        this.transcripts = transcripts;
        this.reruns = reruns;
    }

    @GetMapping("/{id}")
    Transcript get(@PathVariable String id) {
        return transcripts.findById(id).orElseThrow(() -> new NotFoundException("transcript", id));
    }

    /** Summaries, newest first; the whole transcript is {@code GET /v1/transcripts/{id}}. */
    @GetMapping
    Page<TranscriptSummary> list(@RequestParam(required = false) String status,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status: must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return transcripts.summaries(status, Paging.limit(limit), Paging.cursor(cursor));
    }

    /**
     * Runs the pipeline again from the stored recording, whatever state the transcript is in, unless a run holds it
     * (queued or leased in PostgreSQL, so this holds across instances). Queued, not awaited: follow the transcript's status.
     */
    @PostMapping("/{id}/process")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> process(@PathVariable String id) {
        Transcript transcript = get(id);
        Reruns.Reprocess outcome = reruns.reprocess(transcript);
        if (outcome instanceof Reruns.Reprocess.InProgress inProgress) {
            throw new ConflictException("transcript " + id + " is being processed (run " + inProgress.run()
                    + "); wait for it to end");
        }
        if (outcome instanceof Reruns.Reprocess.NothingToProcess nothing) {
            throw new BadRequestException(nothing.reason());
        }
        return Map.of("status", "ok", "run", ((Reruns.Reprocess.Started) outcome).run());
    }
}
