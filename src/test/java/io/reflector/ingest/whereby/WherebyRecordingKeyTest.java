package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WherebyRecordingKeyTest {

    private static final String UUID = "9f1c2d3e-4b5a-6978-8a9b-0c1d2e3f40e2";

    @Test
    void parsesTheSpecExample() {
        WherebyRecordingKey key = WherebyRecordingKey.parse("sales-" + UUID + "-2025-10-08T12:00:00Z.mp4");

        assertThat(key.key()).isEqualTo("sales-" + UUID + "-2025-10-08T12:00:00Z.mp4");
        assertThat(key.roomNamePart()).isEqualTo("sales-" + UUID);
        assertThat(key.meetingRoomName()).isEqualTo("/sales-" + UUID);
        assertThat(key.recordedAt()).isEqualTo(Instant.parse("2025-10-08T12:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // keys as they look after form-decoding the S3 notification
            "team standup-" + UUID + "-2025-10-08T12:00:00Z.mp4 | team standup-" + UUID,
            "café-équipe-" + UUID + "-2025-10-08T12:00:00Z.mp4  | café-équipe-" + UUID,
            "a+b-" + UUID + "-2025-10-08T12:00:00Z.mp4          | a+b-" + UUID,
            // rooms created before the seed had no name prefix
            UUID + "-2025-10-08T12:00:00Z.mp4                   | " + UUID,
            // the extension is whatever follows the last dot
            "sales-" + UUID + "-2025-10-08T12:00:00Z.webm       | sales-" + UUID,
            "sales-" + UUID + "-2025-10-08T12:00:00Z            | sales-" + UUID,
            // the first timestamp wins, a later one stays in the name's remainder
            "r-2025-01-01T00:00:00Z-2025-10-08T12:00:00Z.mp4    | r"})
    void keepsEverythingBeforeTheTimestampAsTheRoomNamePart(String objectKey, String roomNamePart) {
        assertThat(WherebyRecordingKey.parse(objectKey).roomNamePart()).isEqualTo(roomNamePart);
    }

    @Test
    void readsTheTimestampAsUtc() {
        assertThat(WherebyRecordingKey.parse("r-x-2024-02-29T23:59:59Z.mp4").recordedAt())
                .isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sales-uuid.mp4",
            "sales-uuid-2025-10-08T12:00:00.mp4",
            "sales-uuid-2025-10-08 12:00:00Z.mp4",
            "sales-uuid-2025-10-08T12:00:00.123Z.mp4",
            "sales-uuid-2025-10-08T12%3A00%3A00Z.mp4",
            "sales-uuid-٢٠٢٥-10-08T12:00:00Z.mp4"})
    void reportsAKeyWithoutAnIsoTimestamp(String objectKey) {
        assertThatThrownBy(() -> WherebyRecordingKey.parse(objectKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No ISO timestamp (YYYY-MM-DDTHH:MM:SSZ) found in key '" + objectKey + "'");
    }

    @Test
    void reportsATimestampNotSeparatedFromTheRoomName() {
        assertThatThrownBy(() -> WherebyRecordingKey.parse("sales_2025-10-08T12:00:00Z.mp4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Timestamp in key 'sales_2025-10-08T12:00:00Z.mp4' is not preceded by '-' after the room name");
        assertThatThrownBy(() -> WherebyRecordingKey.parse("2025-10-08T12:00:00Z.mp4"))
                .hasMessageContaining("is not preceded by '-'");
    }

    @Test
    void reportsAKeyWithoutARoomName() {
        assertThatThrownBy(() -> WherebyRecordingKey.parse("-2025-10-08T12:00:00Z.mp4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Key '-2025-10-08T12:00:00Z.mp4' has no room name before its timestamp");
    }

    @Test
    void reportsAnImpossibleDate() {
        assertThatThrownBy(() -> WherebyRecordingKey.parse("sales-x-2025-13-45T12:00:00Z.mp4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Timestamp '2025-13-45T12:00:00Z' in key 'sales-x-2025-13-45T12:00:00Z.mp4' "
                        + "is not a valid date-time");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void reportsABlankKey(String objectKey) {
        assertThatThrownBy(() -> WherebyRecordingKey.parse(objectKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Whereby recording key is blank");
    }
}
