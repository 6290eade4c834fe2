package io.reflector.ingest.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.reflector.ingest.store.Recording;
import io.reflector.ingest.store.RecordingRepository;

@RestController
@RequestMapping("/v1/recordings")
class RecordingController {
    private final RecordingRepository recordings;

    RecordingController(RecordingRepository recordings) {
        this.recordings = recordings;
    }

    @GetMapping("/{id}")
    Recording get(@PathVariable String id) {
        return recordings.findById(id).orElseThrow(() -> new NotFoundException("recording", id));
    }
}
