package io.reflector.ingest.api;

import java.time.Clock;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.reflector.ingest.roomwebhook.TestWebhook;
import io.reflector.ingest.store.Page;
import io.reflector.ingest.store.Room;
import io.reflector.ingest.store.RoomRepository;
import io.reflector.ingest.store.RoomWebhookOutbox;
import io.reflector.ingest.store.WebhookDelivery;

/** A room's transcript.completed deliveries (with every attempt), their manual replay, and the test webhook. */
@RestController
class RoomWebhookController {
    private final RoomRepository rooms;
    private final RoomWebhookOutbox outbox;
    private final TestWebhook testWebhook;
    private final Clock clock;

    RoomWebhookController(RoomRepository rooms, RoomWebhookOutbox outbox, TestWebhook testWebhook, Clock clock) {
        this.rooms = rooms;
        this.outbox = outbox;
        this.testWebhook = testWebhook;
        this.clock = clock;
    }

    @GetMapping("/v1/rooms/{roomId}/webhook-deliveries")
    Page<WebhookDelivery> deliveries(@PathVariable String roomId, @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String cursor) {
        return outbox.forRoom(room(roomId).id(), Paging.limit(limit), Paging.cursor(cursor));
    }

    /**
     * Sends a delivery again, whatever its status, with its event id and a fresh retry window; 409 while an attempt
     * of it is in flight.
     */
    @PostMapping("/v1/webhook-deliveries/{eventId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    WebhookDelivery retry(@PathVariable String eventId) {
        return outbox.replay(eventId, clock.instant()).orElseThrow(() -> outbox.find(eventId).isPresent()
                ? new ConflictException("webhook delivery " + eventId + " is being sent; its attempt is recorded "
                        + "within its timeout")
                : new NotFoundException("webhook delivery", eventId));
    }

    @PostMapping("/v1/rooms/{roomId}/webhook/test")
    TestWebhook.Result test(@PathVariable String roomId) {
        return testWebhook.send(room(roomId));
    }

    private Room room(String roomId) {
        return rooms.findById(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
    }
}
