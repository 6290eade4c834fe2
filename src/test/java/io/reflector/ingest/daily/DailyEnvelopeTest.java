package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DailyEnvelopeTest {

    private static final String READY_TO_DOWNLOAD = """
            {
              "version": "1.0.0",
              "type": "recording.ready-to-download",
              "id": "rec-rtd-c3df927c-f738-4471-a2b7-066fa7e95a6b-1692124192",
              "payload": {
                "recording_id": "08fa0b24-9220-44c5-846c-3f116cf8e738",
                "room_name": "daily-20251020193458",
                "start_ts": 1692124183,
                "tracks": [{"type": "audio", "s3Key": "a/b/c", "size": 1}]
              },
              "event_ts": 1692124192
            }
            """;

    @Test
    void parsesTheEnvelopeAndKeepsThePayloadAsATree() {
        DailyEnvelope envelope = DailyEnvelope.parse(bytes(READY_TO_DOWNLOAD));

        assertThat(envelope.version()).isEqualTo("1.0.0");
        assertThat(envelope.type()).isEqualTo("recording.ready-to-download");
        assertThat(envelope.id()).isEqualTo("rec-rtd-c3df927c-f738-4471-a2b7-066fa7e95a6b-1692124192");
        assertThat(envelope.eventTs()).isEqualTo(1692124192.0);
        assertThat(envelope.payload().path("room_name").textValue()).isEqualTo("daily-20251020193458");
        assertThat(envelope.payload().path("tracks").isArray()).isTrue();
    }

    @Test
    void keepsAFractionalEventTimestamp() {
        DailyEnvelope envelope = DailyEnvelope.parse(bytes(
                "{\"version\":\"1.0.0\",\"type\":\"participant.joined\",\"id\":\"ptcpt-join-1\",\"payload\":{},"
                        + "\"event_ts\":1708972279.961}"));

        assertThat(envelope.eventTs()).isEqualTo(1708972279.961);
    }

    @Test
    void aMissingVersionIsTolerated() {
        DailyEnvelope envelope = DailyEnvelope.parse(bytes(
                "{\"type\":\"recording.started\",\"id\":\"rec-1\",\"payload\":{},\"event_ts\":1}"));

        assertThat(envelope.version()).isNull();
    }

    @Test
    void unknownTypesStillParseSoTheRouteCanAcknowledgeThem() {
        assertThat(DailyEnvelope.parse(bytes(
                "{\"version\":\"1.0.0\",\"type\":\"meeting.ended\",\"id\":\"m-1\",\"payload\":{},\"event_ts\":1}")).type())
                .isEqualTo("meeting.ended");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"1\",\"payload\":{},\"event_ts\":1}                              | Daily webhook envelope has no 'type'",
            "{\"type\":null,\"id\":\"1\",\"payload\":{},\"event_ts\":1}                | Daily webhook envelope has no 'type'",
            "{\"type\":\" \",\"id\":\"1\",\"payload\":{},\"event_ts\":1}               | Daily webhook envelope 'type' is blank",
            "{\"type\":7,\"id\":\"1\",\"payload\":{},\"event_ts\":1}                   | Daily webhook envelope 'type' must be a string, got number 7",
            "{\"type\":\"t\",\"payload\":{},\"event_ts\":1}                            | Daily webhook envelope has no 'id'",
            "{\"type\":\"t\",\"id\":\"\",\"payload\":{},\"event_ts\":1}                | Daily webhook envelope 'id' is blank",
            "{\"type\":\"t\",\"id\":\"1\",\"event_ts\":1}                              | Daily webhook envelope has no 'payload'",
            "{\"type\":\"t\",\"id\":\"1\",\"payload\":[],\"event_ts\":1}               | Daily webhook envelope 'payload' must be a JSON object, got array",
            "{\"type\":\"t\",\"id\":\"1\",\"payload\":\"x\",\"event_ts\":1}            | Daily webhook envelope 'payload' must be a JSON object, got string \"x\"",
            "{\"type\":\"t\",\"id\":\"1\",\"payload\":{}}                              | Daily webhook envelope has no 'event_ts'",
            "{\"type\":\"t\",\"id\":\"1\",\"payload\":{},\"event_ts\":\"soon\"}        | Daily webhook envelope 'event_ts' must be a number of epoch seconds, got string \"soon\"",
            "{\"version\":1,\"type\":\"t\",\"id\":\"1\",\"payload\":{},\"event_ts\":1}  | Daily webhook envelope 'version' must be a string, got number 1",
            "[1,2]                                                                      | Daily webhook body must be a JSON object, got array",
            "\"text\"                                                                   | Daily webhook body must be a JSON object, got string \"text\""})
    void namesTheProblemWithAnInvalidEnvelope(String body, String message) {
        assertThatThrownBy(() -> DailyEnvelope.parse(bytes(body)))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessage(message);
    }

    @Test
    void reportsInvalidJsonWithItsPosition() {
        assertThatThrownBy(() -> DailyEnvelope.parse(bytes("{\"type\": \"t\",\n \"id\": }")))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessageStartingWith("Daily webhook body is not valid JSON at line 2, column 8: ")
                .hasMessageContaining("Unexpected character ('}'");
    }

    @Test
    void rejectsTrailingContentAfterTheObject() {
        assertThatThrownBy(() -> DailyEnvelope.parse(bytes(
                "{\"type\":\"t\",\"id\":\"1\",\"payload\":{},\"event_ts\":1} {\"type\":\"u\"}")))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessageStartingWith("Daily webhook body is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void reportsAnEmptyBody(String body) {
        assertThatThrownBy(() -> DailyEnvelope.parse(bytes(body)))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessage("Daily webhook body is empty");
    }

    @Test
    void theTestPingIsNotAnEnvelope() {
        assertThatThrownBy(() -> DailyEnvelope.parse(bytes("{\"test\":\"test\"}")))
                .hasMessage("Daily webhook envelope has no 'type'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"test\":\"test\"}", "{ \"test\" : \"test\" }\n", "\n{\n  \"test\": \"test\"\n}"})
    void recognisesTheTestPing(String body) {
        assertThat(DailyEnvelope.isTestPing(bytes(body))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"test\":\"x\"}",
            "{\"test\":\"test\",\"id\":\"1\"}",
            "{\"test\":\"TEST\"}",
            "{\"test\":true}",
            "{\"test\":[\"test\"]}",
            "{\"Test\":\"test\"}",
            "{}",
            "[\"test\"]",
            "\"test\"",
            "{\"test\":\"test\"",
            "{\"test\":\"test\"} trailing",
            ""})
    void anythingElseIsNotTheTestPing(String body) {
        assertThat(DailyEnvelope.isTestPing(bytes(body))).isFalse();
    }

    @Test
    void aNullBodyIsNotTheTestPing() {
        assertThat(DailyEnvelope.isTestPing(null)).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
