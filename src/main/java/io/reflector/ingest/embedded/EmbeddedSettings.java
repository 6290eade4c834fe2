package io.reflector.ingest.embedded;

import java.util.Map;

/**
 * Settings of the embedded default ({@code reflector.embedded.*}). A port of 0 picks a free one; tests use that,
 * together with a temporary data directory.
 *
 * @param queues          queue key (as in {@code reflector.queues.<key>-url}) → queue name; each gets a dead-letter
 *                        queue named {@code <name>-dlq}
 * @param maxReceiveCount   receives before SQS moves a message to the dead-letter queue
 * @param notificationQueue key of the queue that receives the Whereby bucket's ObjectCreated events
 * @param visibilityTimeoutSeconds how long a received message stays invisible, i.e. the delay before a failed
 *                          message is received again
 */
public record EmbeddedSettings(boolean enabled, String host, int postgresPort, int s3Port, int sqsPort,
                               int maxReceiveCount, int visibilityTimeoutSeconds, Map<String, String> queues,
                               String notificationQueue, boolean temporaryDataDir) {
}
