package io.reflector.ingest.roomwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.reflector.ingest.support.RoomWebhookReceiver;

/** Against the test's receiver, which checks the signature with its own code. */
class RoomWebhookClientTest {
    private static final byte[] BODY = "{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RoomWebhookClient client = new RoomWebhookClient();

    @Test
    void postsTheExactBytesWithReflectorsHeadersAndAValidSignature() {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint("s3cr3t");

        AttemptResult result = client.post(RoomWebhookRequest.of(receiver.url(), "transcript.completed", BODY, 2,
                "s3cr3t", Instant.now(), TIMEOUT));

        assertThat(result).isEqualTo(new AttemptResult.Answered(200, "ok"));
        RoomWebhookReceiver.Request request = receiver.received().get(0);
        assertThat(request.body()).isEqualTo("{\"event\":\"test\"}");
        assertThat(request.signature()).isEqualTo(RoomWebhookReceiver.Signature.VALID);
        assertThat(request.header("X-Webhook-Retry")).isEqualTo("2");
        assertThat(request.header("User-Agent")).isEqualTo("Reflector-Webhook/1.0");
    }

    @Test
    void aReceiverWithAnotherSecretRejectsTheSignature() {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint("their-secret");

        client.post(RoomWebhookRequest.of(receiver.url(), "test", BODY, null, "our-secret", Instant.now(), TIMEOUT));

        assertThat(receiver.received().get(0).signature()).isEqualTo(RoomWebhookReceiver.Signature.INVALID);
    }

    @Test
    void anErrorAnswerIsReportedWithTheStartOfItsBody() {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(null).answering(503);

        assertThat(client.post(RoomWebhookRequest.of(receiver.url(), "test", BODY, 0, null, Instant.now(), TIMEOUT)))
                .isEqualTo(new AttemptResult.Answered(503, "scripted failure 503"));
    }

    @Test
    void aReceiverThatStallsAfterItsHeadersIsCutOffAsNoAnswerWorthRetrying() {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(null).stallingAfterHeaders();

        AttemptResult result = client.post(RoomWebhookRequest.of(receiver.url(), "test", BODY, 0, null, Instant.now(),
                Duration.ofSeconds(1)));

        assertThat(result).isEqualTo(new AttemptResult.NoAnswer("no answer within 1 s", true));
    }

    @Test
    void aRefusedConnectionIsNoAnswerWorthRetrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        AttemptResult result = client.post(RoomWebhookRequest.of("http://127.0.0.1:" + closedPort + "/hook", "test",
                BODY, 0, null, Instant.now(), TIMEOUT));

        assertThat(result).isEqualTo(new AttemptResult.NoAnswer("cannot connect to 127.0.0.1:" + closedPort, true));
    }

    @Test
    void aUrlThatIsNoneIsNotWorthRetrying() {
        assertThat(client.post(RoomWebhookRequest.of("ftp://example.test/x", "test", BODY, 0, null, Instant.now(),
                TIMEOUT))).isEqualTo(new AttemptResult.NoAnswer("'ftp://example.test/x' is not an http(s) URL", false));
        assertThat(client.post(RoomWebhookRequest.of("http://exa mple/", "test", BODY, 0, null, Instant.now(),
                TIMEOUT))).isInstanceOfSatisfying(AttemptResult.NoAnswer.class,
                noAnswer -> assertThat(noAnswer.worthRetrying()).isFalse());
    }
}
