package io.reflector.ingest.embedded;

import java.util.Map;

/**
 * Settings of the embedded default ({@code reflector.embedded.*}). A port of 0 picks a free one; tests use that,
 * together with a temporary data directory.
 *
 * @param queues          queue key (as in {@code reflector.queues.<key>-url}) → queue name; each gets a dead-letter
 *                        queue named {@code <name>-dlq}
 * @param maxReceiveCount receives before SQS moves a message to the dead-letter queue
 */
public record EmbeddedSettings(boolean enabled, String host, int postgresPort, int s3Port, int sqsPort,
                               int maxReceiveCount, Map<String, String> queues, boolean temporaryDataDir) {
}
