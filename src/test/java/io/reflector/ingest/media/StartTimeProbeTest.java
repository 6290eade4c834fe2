package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files with unusual offsets; the Daily-like tracks are probed in {@link MeetingAudioTest}. */
class StartTimeProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final FfmpegBinaries binaries = FfmpegBinaries.resolve(null, null);
    private final ProcessRunner runner = new ProcessRunner();
    private final StartTimeProbe probe = new StartTimeProbe(binaries, runner);

    @Test
    void aTrackThatStartsAtMeetingTimeZeroHasOffsetZero() {
        Path wav = directory.resolve("zero.wav");
        ffmpeg("-f", "lavfi", "-i", "sine=f=440:r=48000:d=1", "-c:a", "pcm_s16le", wav.toString());

        assertThat(probe.startTimeSeconds(wav.toString())).isZero();
    }

    @Test
    void aVideoOnlyMp4HasNoAudioStreamAndNoOffset() {
        Path mp4 = directory.resolve("video-only.mp4");
        ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x64:r=10:d=1", "-c:v", "mpeg4", "-f", "mp4", mp4.toString());

        assertThatThrownBy(() -> probe.startTimeSeconds(mp4.toString()))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessage(mp4 + " has no audio stream");
    }

    @Test
    void aFileFfprobeCannotReadFailsWithFfprobesReason() throws IOException {
        Path garbage = Files.writeString(directory.resolve("garbage.webm"), "not a media file");

        assertThatThrownBy(() -> probe.startTimeSeconds(garbage.toString()))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("Invalid data found");
    }

    @Test
    void theStreamStartTimeComesFirst() throws IOException {
        assertThat(StartTimeProbe.startTimeOf(json("""
                {"streams": [{"index": 0, "start_time": "8.130000"}], "format": {"start_time": "8.100000"},
                 "packets": [{"pts_time": "8.123000"}]}"""), "t")).isEqualTo(8.13);
    }

    @Test
    void withoutAStreamStartTimeTheContainerStartTimeIsUsed() throws IOException {
        assertThat(StartTimeProbe.startTimeOf(json("""
                {"streams": [{"index": 0, "start_time": "N/A"}], "format": {"start_time": "0.229000"},
                 "packets": [{"pts_time": "0.222000"}]}"""), "t")).isEqualTo(0.229);
    }

    @Test
    void withoutAnyStartTimeTheFirstPacketIsUsed() throws IOException {
        assertThat(StartTimeProbe.startTimeOf(json("""
                {"streams": [{"index": 0}], "format": {}, "packets": [{"pts_time": "65.000000"}]}"""), "t"))
                .isEqualTo(65.0);
    }

    @Test
    void anAudioStreamWithoutAnyTimestampIsAnErrorNotZero() throws IOException {
        assertThatThrownBy(() -> StartTimeProbe.startTimeOf(json("""
                {"streams": [{"index": 0}], "format": {}, "packets": []}"""), "track-7"))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageStartingWith("track-7 has an audio stream but no start time");
    }

    private void ffmpeg(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        runner.run(command, Duration.ofMinutes(1));
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
