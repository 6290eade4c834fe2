package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small synthetic files; the mixed meeting is analysed in {@link MeetingAudioTest}. */
class AudioAnalyzerTest {

    @TempDir
    Path directory;

    private final FfmpegBinaries binaries = FfmpegBinaries.resolve(null, null);
    private final ProcessRunner runner = new ProcessRunner();
    private final AudioAnalyzer analyzer = new AudioAnalyzer(binaries, runner, Duration.ofMinutes(1));

    @Test
    void silenceHasItsDurationAndAnAllZeroWaveform() {
        Path silent = generate("silent.wav", "anullsrc=r=48000:cl=stereo:d=3", "-c:a", "pcm_s16le");

        AudioSummary summary = analyzer.analyze(silent.toString());

        assertThat(summary.durationMs()).isEqualTo(3000.0);
        assertThat(summary.waveform()).hasSize(255).containsOnly(0.0);
    }

    @Test
    void toneThenSilenceFillsTheFirstHalfOfTheWaveformOnly() {
        Path mp3 = generate("half.mp3", "aevalsrc=exprs='0.5*sin(2*PI*440*t)*lt(t,2)':s=48000:d=4",
                "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k");

        AudioSummary summary = analyzer.analyze(mp3.toString());

        // ffmpeg's MP3 decoder honours the LAME header, so encoder delay and padding are not counted.
        assertThat(summary.durationMs()).isCloseTo(4000.0, within(1.0));
        assertThat(summary.waveform()).hasSize(255);
        assertThat(summary.waveform().subList(0, 126)).allSatisfy(v -> assertThat(v).isGreaterThan(0.9));
        assertThat(summary.waveform().subList(130, 255)).containsOnly(0.0);
    }

    @Test
    void monoInputAtAnotherSampleRateIsMeasuredInTime() {
        Path wav = generate("mono44k.wav", "sine=f=440:r=44100:d=1.5", "-c:a", "pcm_s16le");

        AudioSummary summary = analyzer.analyze(wav.toString());

        assertThat(summary.durationMs()).isCloseTo(1500.0, within(0.1));
        assertThat(summary.waveform()).hasSize(255).allSatisfy(v -> assertThat(v).isBetween(0.9, 1.0));
    }

    @Test
    void anUndecodableFileFailsWithFfmpegsReason() throws IOException {
        Path garbage = Files.writeString(directory.resolve("audio.mp3"), "not audio");

        assertThatThrownBy(() -> analyzer.analyze(garbage.toString()))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("exited with code");
    }

    private Path generate(String name, String source, String... encoding) {
        Path output = directory.resolve(name);
        List<String> command = new ArrayList<>(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", source));
        command.addAll(List.of(encoding));
        command.add(output.toString());
        runner.run(command, Duration.ofMinutes(1));
        return output;
    }
}
