package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.webhook.WebhookRejectedException;

class WherebyWebhookIntakeTest {
    private static final String SECRET = "whereby-secret";
    private static final long NOW = 1_700_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String BODY =
            "{\"id\":\"evt-1\",\"type\":\"room.client.joined\",\"data\":{\"meetingId\":\"m\",\"numClients\":1}}";

    @Test
    void aWellSignedEventIsAdmittedWithItsBodyAsReceived() {
        WherebyDelivery delivery = intake(SECRET, 1024).admit(signedRequest(BODY));

        assertThat(delivery).isEqualTo(new WherebyDelivery(
                new WherebyEvent("evt-1", "room.client.joined", new MeetingClientCount("m", 1)), BODY));
    }

    @Test
    void withoutASecretEveryEventIsRefused() {
        WherebyWebhookIntake intake = intake("", 1024);

        assertThatThrownBy(() -> intake.admit(signedRequest(BODY)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401))
                .hasMessageContaining("WHEREBY_WEBHOOK_SECRET is not configured");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItsSignatureIsChecked() {
        WherebyWebhookIntake intake = intake(SECRET, BODY.length() - 1);

        assertThatThrownBy(() -> intake.admit(request(BODY)))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(413))
                .hasMessageContaining("over the limit of " + (BODY.length() - 1));
    }

    private static WherebyWebhookIntake intake(String secret, int maxBodyBytes) {
        ReflectorProperties properties = new ReflectorProperties(null, null, null, null, null, null, null,
                new ReflectorProperties.Whereby(secret, maxBodyBytes), null, null, null, null, null, null);
        return new WherebyWebhookIntake(properties, CLOCK);
    }

    private static Exchange signedRequest(String body) {
        Exchange exchange = request(body);
        exchange.getMessage().setHeader(WherebySignatureVerifier.SIGNATURE_HEADER,
                WherebySignatureVerifier.sign(SECRET, NOW, body.getBytes(StandardCharsets.UTF_8)));
        return exchange;
    }

    private static Exchange request(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }
}
