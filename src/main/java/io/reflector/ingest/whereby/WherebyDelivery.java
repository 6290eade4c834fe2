package io.reflector.ingest.whereby;

/** An admitted Whereby webhook: its event, and its body as received, which the inbox keeps. */
public record WherebyDelivery(WherebyEvent event, String payload) {
}
