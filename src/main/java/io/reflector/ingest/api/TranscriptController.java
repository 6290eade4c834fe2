package io.reflector.ingest.api;

import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.reflector.ingest.store.Transcript;
import io.reflector.ingest.store.TranscriptRepository;

@RestController
@RequestMapping("/v1/transcripts")
class TranscriptController {
    private static final Set<String> STATUSES = Set.of("idle", "uploaded", "processing", "ended", "error");

    private final TranscriptRepository transcripts;

    TranscriptController(TranscriptRepository transcripts) {
        this.transcripts = transcripts;
    }

    @GetMapping("/{id}")
    Transcript get(@PathVariable String id) {
        return transcripts.findById(id).orElseThrow(() -> new NotFoundException("transcript", id));
    }

    @GetMapping
    List<Transcript> list(@RequestParam(required = false) String status,
                          @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status: must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit: must be between 1 and 1000");
        }
        return transcripts.findByStatus(status, limit);
    }
}
