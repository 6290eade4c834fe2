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

/**
 * Small synthetic files mixed from source, as the one file of a Whereby recording is: the MP3 is written and
 * measured in the same pass. The mix of a generated meeting is checked in {@link MeetingAudioTest}.
 */
class MixerTest {

    @TempDir
    Path directory;

    private final FfmpegBinaries binaries = FfmpegBinaries.resolve(null);
    private final ProcessRunner runner = new ProcessRunner();
    private final Mixer mixer = new Mixer(binaries, runner, Duration.ofMinutes(1));
    private final List<Long> progress = new ArrayList<>();

    @Test
    void silenceHasItsDurationAndAnAllZeroWaveform() {
        Path silent = generate("silent.wav", "anullsrc=r=48000:cl=stereo:d=3", "-c:a", "pcm_s16le");

        AudioSummary summary = mix(silent);

        assertThat(summary.durationMs()).isEqualTo(3000.0);
        assertThat(MarkerLocator.decodeFirstChannel(binaries, runner, directory.resolve("audio.mp3")))
                .hasSize(3 * 48_000).containsOnly(0f);
        assertThat(summary.waveform()).hasSize(255).containsOnly(0.0);
    }

    @Test
    void toneThenSilenceFillsTheFirstHalfOfTheWaveformOnly() {
        Path mp4 = generate("half.mp4", "aevalsrc=exprs='0.5*sin(2*PI*440*t)*lt(t,2)':s=48000:d=4",
                "-ac", "2", "-c:a", "aac", "-b:a", "128k");

        AudioSummary summary = mix(mp4);

        // like a Whereby recording: AAC in MP4, whose last frame is padded to 1024 samples (21 ms)
        assertThat(summary.durationMs()).isCloseTo(4000.0, within(25.0));
        assertThat(MarkerLocator.decodeFirstChannel(binaries, runner, directory.resolve("audio.mp3")).length / 48.0)
                .as("the MP3 decodes to the measured length").isCloseTo(summary.durationMs(), within(1.0));
        assertThat(summary.waveform()).hasSize(255);
        assertThat(summary.waveform().subList(0, 126)).allSatisfy(v -> assertThat(v).isGreaterThan(0.9));
        assertThat(summary.waveform().subList(130, 255)).containsOnly(0.0);
    }

    @Test
    void monoInputAtAnotherSampleRateIsMeasuredInTime() {
        Path wav = generate("mono44k.wav", "sine=f=440:r=44100:d=1.5", "-c:a", "pcm_s16le");

        AudioSummary summary = mix(wav);

        assertThat(summary.durationMs()).isCloseTo(1500.0, within(0.1));
        assertThat(summary.waveform()).hasSize(255).allSatisfy(v -> assertThat(v).isBetween(0.9, 1.0));
    }

    @Test
    void anUndecodableFileFailsWithFfmpegsReason() throws IOException {
        Path garbage = Files.writeString(directory.resolve("audio.mp3"), "not audio");

        assertThatThrownBy(() -> mix(garbage))
                .isInstanceOf(MediaProcessingException.class)
                .hasMessageContaining("exited with code");
    }

    @Test
    void progressIsToldWhileTheMixRuns() {
        Path tone = generate("long.wav", "sine=f=440:r=48000:d=25", "-c:a", "pcm_s16le");

        mix(tone);

        assertThat(progress).containsExactly(10L, 20L);
    }

    /** Padded tracks are named inside ffmpeg's filter graph: a data directory may use its special characters. */
    @Test
    void tracksInADirectoryNamedWithTheGraphsSpecialCharactersAreMixed() throws IOException {
        Path odd = Files.createDirectories(directory.resolve("data dir:a,b;c[d]e'f\\g"));
        Path first = generate("first.webm", "sine=f=440:r=48000:d=1", "-ac", "2", "-c:a", "libopus");
        Path second = generate("second.webm", "sine=f=660:r=48000:d=2", "-ac", "1", "-c:a", "libopus");
        List<MixCommand.Input> inputs = new ArrayList<>();
        for (Path track : List.of(first, second)) {
            inputs.add(new MixCommand.Input(Files.move(track, odd.resolve(track.getFileName())), true));
        }

        AudioSummary summary = mixer.mix(inputs, directory.resolve("audio.mp3"), progress::add);

        assertThat(summary.durationMs()).isCloseTo(2000.0, within(25.0));
        assertThat(summary.waveform()).hasSize(255).allSatisfy(v -> assertThat(v).isGreaterThan(0.5));
    }

    private AudioSummary mix(Path source) {
        return mixer.mix(List.of(new MixCommand.Input(source, false)), directory.resolve("audio.mp3"), progress::add);
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
