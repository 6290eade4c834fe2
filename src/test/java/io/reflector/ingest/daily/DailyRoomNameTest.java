package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DailyRoomNameTest {

    @ParameterizedTest
    @CsvSource({
            "daily-2-20251020193458, daily-2",
            "team-standup-20260115120000, team-standup",
            "daily-20251020193458, daily",
            // no 14-digit suffix: left alone, where Reflector would have cut at the last '-'
            "team-2, team-2",
            "standup, standup",
            "room-2025102019345, room-2025102019345",
            "room-202510201934580, room-202510201934580",
            "room-20251020193458-x, room-20251020193458-x",
            "room_20251020193458, room_20251020193458",
            // only the last suffix goes
            "room-20251020193458-20251021080000, room-20251020193458",
            // nothing would be left
            "-20251020193458, -20251020193458"})
    void stripsOnlyATrailingCreationTimestamp(String dailyRoomName, String baseName) {
        assertThat(DailyRoomName.baseName(dailyRoomName)).isEqualTo(baseName);
    }

    @ParameterizedTest
    @ValueSource(strings = "room-20251020193458\n")
    void aTrailingNewlineIsNotMistakenForTheEndOfTheName(String dailyRoomName) {
        assertThat(DailyRoomName.baseName(dailyRoomName)).isEqualTo(dailyRoomName);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void rejectsABlankName(String dailyRoomName) {
        assertThatThrownBy(() -> DailyRoomName.baseName(dailyRoomName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Daily room name is blank");
    }
}
