package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.reflector.ingest.daily.DailyTrackKey.Kind;

class DailyTrackKeyTest {

    private static final String SPEC_EXAMPLE =
            "monadical/daily-20251020193458/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922";

    @Test
    void parsesTheSpecExample() {
        DailyTrackKey track = DailyTrackKey.parse(SPEC_EXAMPLE);

        assertThat(track.key()).isEqualTo(SPEC_EXAMPLE);
        assertThat(track.roomName()).isEqualTo("daily-20251020193458");
        assertThat(track.fileName())
                .isEqualTo("1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922");
        assertThat(track.recordingStartMs()).isEqualTo(1760988935484L);
        assertThat(track.participantId()).isEqualTo("52f7f48b-fbab-431f-9a50-87b9abfc8255");
        assertThat(track.kind()).isEqualTo(Kind.CAM_AUDIO);
        assertThat(track.trackStartMs()).isEqualTo(1760988935922L);
    }

    @ParameterizedTest
    @CsvSource({
            "cam-audio, CAM_AUDIO",
            "cam-video, CAM_VIDEO",
            "screen-audio, SCREEN_AUDIO",
            "screen-video, SCREEN_VIDEO"})
    void recognisesEveryKind(String label, Kind kind) {
        DailyTrackKey track = DailyTrackKey.parse(
                "dom/room-20251020193458/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-" + label + "-1760988936000");

        assertThat(track.kind()).isEqualTo(kind);
        assertThat(kind.label()).isEqualTo(label);
    }

    @Test
    void toleratesATrailingWebmExtensionAndKeepsItInTheFileName() {
        DailyTrackKey track = DailyTrackKey.parse(SPEC_EXAMPLE + ".webm");

        assertThat(track.trackStartMs()).isEqualTo(1760988935922L);
        assertThat(track.fileName()).endsWith("-cam-audio-1760988935922.webm");
    }

    @Test
    void acceptsTimestampsLongerThan13DigitsAndUppercaseHex() {
        DailyTrackKey track = DailyTrackKey.parse(
                "dom/room/17609889354840-52F7F48B-FBAB-431F-9A50-87B9ABFC8255-cam-audio-17609889359220");

        assertThat(track.recordingStartMs()).isEqualTo(17609889354840L);
        assertThat(track.participantId()).isEqualTo("52F7F48B-FBAB-431F-9A50-87B9ABFC8255");
    }

    @Test
    void theRoomIsTheParentFolderEvenUnderDeeperPrefixes() {
        DailyTrackKey track = DailyTrackKey.parse("a/b/monadical/team-standup-20260115120000/"
                + "1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922");

        assertThat(track.roomName()).isEqualTo("team-standup-20260115120000");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // no room folder
            "1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922",
            "/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922",
            "dom//1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922",
            // 12-digit timestamps
            "dom/room/176098893548-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922",
            "dom/room/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-176098893592",
            // unknown kind
            "dom/room/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-mic-audio-1760988935922",
            // not a UUID
            "dom/room/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc825-cam-audio-1760988935922",
            "dom/room/1760988935484-52f7f48bXfbabX431fX9a50X87b9abfc8255-cam-audio-1760988935922",
            // other extension, trailing junk
            "dom/room/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922.mp4",
            "dom/room/1760988935484-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922-x",
            // beyond the range of long
            "dom/room/99999999999999999999-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1760988935922",
            "dom/room/",
            ""})
    void rejectsKeysOutsideTheLayout(String key) {
        assertThat(DailyTrackKey.tryParse(key)).isEmpty();
        assertThatThrownBy(() -> DailyTrackKey.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Daily track key '" + key + "' does not match")
                .hasMessageContaining("<recording_start_ms>-<participant uuid>-<kind>-<track_start_ms>");
    }

    @Test
    void tryParseOfNullIsEmpty() {
        assertThat(DailyTrackKey.tryParse(null)).isEmpty();
    }
}
