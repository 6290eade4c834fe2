package io.reflector.ingest.api;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.reflector.ingest.store.Consent;
import io.reflector.ingest.store.ConsentRepository;
import io.reflector.ingest.store.Meeting;
import io.reflector.ingest.store.MeetingRepository;
import io.reflector.ingest.store.Page;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RoomRepository;

@RestController
@RequestMapping("/v1/meetings")
class MeetingController {
    private final MeetingRepository meetings;
    private final RoomRepository rooms;
    private final ConsentRepository consents;

    MeetingController(MeetingRepository meetings, RoomRepository rooms, ConsentRepository consents) {
        this.meetings = meetings;
        this.rooms = rooms;
        this.consents = consents;
    }

    /** {@code id} is the platform's meeting id; {@code roomName} the platform room name recordings refer to. */
    record CreateMeeting(@NotBlank String id, @NotBlank String roomName, @NotNull Platform platform, String roomId,
                         @NotNull Instant startDate, Instant endDate) {
    }

    record RecordConsent(@NotNull Boolean consentGiven, String userId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Meeting create(@Valid @RequestBody CreateMeeting request) {
        if (request.roomId() != null && rooms.findById(request.roomId()).isEmpty()) {
            throw new NotFoundException("room", request.roomId());
        }
        return meetings.create(request.id(), request.roomId(), request.roomName(), request.platform(),
                request.startDate(), request.endDate());
    }

    @GetMapping
    Page<Meeting> list(@RequestParam(name = "room_id", required = false) String roomId,
                       @RequestParam(required = false) Integer limit,
                       @RequestParam(required = false) String cursor) {
        return meetings.page(roomId, Paging.limit(limit), Paging.cursor(cursor));
    }

    @PostMapping("/{id}/consent")
    @ResponseStatus(HttpStatus.CREATED)
    Consent consent(@PathVariable String id, @Valid @RequestBody RecordConsent request) {
        meetings.findById(id).orElseThrow(() -> new NotFoundException("meeting", id));
        return consents.record(id, request.userId(), request.consentGiven());
    }
}
