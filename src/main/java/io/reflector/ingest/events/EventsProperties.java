package io.reflector.ingest.events;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The live event stream's settings (config/application.yaml, {@code reflector.events.*}).
 *
 * @param maxStreams       event streams one instance holds open at once; one more is refused with 429
 * @param clientBuffer     events queued for one client; a client that falls this far behind is dropped (it
 *                         reconnects with {@code Last-Event-ID} and reads what it missed from PostgreSQL)
 * @param heartbeat        how often an idle stream gets a comment line, which also finds clients that are gone
 * @param progressInterval least time between two progress events of one step of one track (or of the mix)
 * @param retention        how long an event row is kept for replay; {@code transcript.events} keeps the record
 * @param prunePeriod      how often rows past the retention are deleted
 */
@Validated
@ConfigurationProperties("reflector.events")
public record EventsProperties(@Positive int maxStreams, @Positive int clientBuffer, @NotNull Duration heartbeat,
                               @NotNull Duration progressInterval, @NotNull Duration retention,
                               @NotNull Duration prunePeriod) {
}
