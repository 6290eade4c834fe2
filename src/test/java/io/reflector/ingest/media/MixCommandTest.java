package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MixCommandTest {

    @Test
    void sumsPaddedTracksIntoA128kCbrStereoMp3AndTheSamePcmOnStdout() {
        assertThat(MixCommand.build(Path.of("/opt/ffmpeg"), List.of(onClock("p0.webm"), onClock("p1.webm")),
                Path.of("/tmp/audio.mp3")))
                .containsExactly("/opt/ffmpeg", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                        "-i", "p0.webm", "-i", "p1.webm",
                        "-filter_complex", "[0:a:0]" + MixCommand.STEREO_FLOAT + "[in0];[1:a:0]" + MixCommand.STEREO_FLOAT
                                + "[in1];[in0][in1]amix=inputs=2:normalize=0:duration=longest,asplit=2[mp3][pcm]",
                        "-map", "[mp3]", "-c:a", "libmp3lame", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                        "-f", "mp3", "/tmp/audio.mp3",
                        "-map", "[pcm]", "-c:a", "pcm_f32le", "-ar", "48000", "-ac", "2", "-f", "f32le", "-");
    }

    @Test
    void aSourceNotYetOnTheMeetingClockIsPutThereInTheSamePass() {
        List<String> command = MixCommand.build(Path.of("ffmpeg"), List.of(new MixCommand.Input(Path.of("in.mp4"), false)),
                Path.of("audio.mp3"));

        assertThat(command).contains("-copyts").doesNotContain("amix");
        assertThat(command.get(command.indexOf("-filter_complex") + 1)).isEqualTo("[0:a:0]" + MixCommand.ON_THE_CLOCK
                + "," + MixCommand.STEREO_FLOAT + "[in0];[in0]asplit=2[mp3][pcm]");
    }

    @Test
    void refusesToMixNothing() {
        assertThatThrownBy(() -> MixCommand.build(Path.of("ffmpeg"), List.of(), Path.of("audio.mp3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tracks");
    }

    private static MixCommand.Input onClock(String file) {
        return new MixCommand.Input(Path.of(file), true);
    }
}
