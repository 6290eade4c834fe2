package io.reflector.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** What the feed's thread does to a stream: offer, never wait; a client that falls too far behind is let go. */
class EventStreamTest {
    private final AtomicInteger ended = new AtomicInteger();

    @Test
    void aClientWhoseBufferIsFullIsDroppedWithoutTheFeedWaiting() {
        EventStream stream = new EventStream(null, 0, new SseEmitter(0L), null, 2, Duration.ofSeconds(15),
                ended::incrementAndGet);

        assertThat(stream.offer(event(1, "a"))).isEqualTo(EventStream.Offer.QUEUED);
        assertThat(stream.offer(event(2, "a"))).isEqualTo(EventStream.Offer.QUEUED);
        assertThat(stream.isOpen()).isTrue();
        assertThat(stream.offer(event(3, "a"))).isEqualTo(EventStream.Offer.DROPPED);

        assertThat(stream.isOpen()).isFalse();
        assertThat(stream.offer(event(4, "a"))).isEqualTo(EventStream.Offer.NOT_ITS_OWN);
        // its slot is given back by its own thread, once it has ended the response
        assertThat(ended).hasValue(0);
    }

    @Test
    void aTranscriptsStreamTakesOnlyItsEvents() {
        EventStream stream = new EventStream("a", 0, new SseEmitter(0L), null, 1, Duration.ofSeconds(15),
                ended::incrementAndGet);

        assertThat(stream.offer(event(1, "b"))).isEqualTo(EventStream.Offer.NOT_ITS_OWN);
        assertThat(stream.offer(event(2, "b"))).isEqualTo(EventStream.Offer.NOT_ITS_OWN);
        assertThat(stream.offer(event(3, "a"))).isEqualTo(EventStream.Offer.QUEUED);

        assertThat(stream.isOpen()).isTrue();
    }

    private static TranscriptEvent event(long id, String transcriptId) {
        return new TranscriptEvent(id, transcriptId, 1, "MIX", JsonNodeFactory.instance.objectNode(), Instant.now());
    }
}
