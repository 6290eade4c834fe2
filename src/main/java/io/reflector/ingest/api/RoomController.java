package io.reflector.ingest.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.reflector.ingest.store.Page;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.Room;
import io.reflector.ingest.store.RoomRepository;

@RestController
@RequestMapping("/v1/rooms")
class RoomController {
    private final RoomRepository rooms;

    RoomController(RoomRepository rooms) {
        this.rooms = rooms;
    }

    record CreateRoom(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "lowercase letters, digits and '-' only")
                      String name,
                      @NotNull Platform platform,
                      String userId,
                      @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String webhookUrl,
                      String webhookSecret) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Room create(@Valid @RequestBody CreateRoom request) {
        return rooms.create(request.name(), request.platform(), request.userId(), request.webhookUrl(),
                request.webhookSecret());
    }

    /** Newest first. */
    @GetMapping
    Page<Room> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return rooms.page(Paging.limit(limit), Paging.cursor(cursor));
    }
}
