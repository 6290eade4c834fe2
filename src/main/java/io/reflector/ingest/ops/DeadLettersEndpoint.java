package io.reflector.ingest.ops;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queues for ops, behind the ops login: {@code GET /actuator/deadletters} counts what waits in
 * each, {@code POST /actuator/deadletters/{queue}} (body {@code {"max": n}}, optional) sends up to n messages back
 * to the queue once the cause of their failure is fixed and says how many it moved. The same two operations appear
 * in JMX (Hawtio: {@code org.springframework.boot / Endpoint / Deadletters}).
 */
@Component
@Endpoint(id = "deadletters")
class DeadLettersEndpoint {
    static final int DEFAULT_MAX = 100;
    static final int LIMIT = 1000;

    private final DeadLetterQueues deadLetters;

    DeadLettersEndpoint(DeadLetterQueues deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Map<String, Integer> depths() {
        return deadLetters.depths();
    }

    /** @param max messages to move at most (1–{@value #LIMIT}, default {@value #DEFAULT_MAX}); the rest on the next call */
    @WriteOperation
    public DeadLetterQueues.Redrive redrive(@Selector String queue, @Nullable Integer max) {
        int limit = max == null ? DEFAULT_MAX : max;
        if (limit < 1 || limit > LIMIT) {
            throw new InvalidEndpointRequestException("max must be between 1 and " + LIMIT + ", got " + limit,
                    "max out of range");
        }
        return deadLetters.redrive(queue, limit).orElseThrow(() -> new InvalidEndpointRequestException(
                "no dead-letter queue '" + queue + "' with its queue configured; known: " + deadLetters.names(),
                "unknown queue"));
    }
}
