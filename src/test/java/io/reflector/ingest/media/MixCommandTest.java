package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MixCommandTest {

    @Test
    void sumsPaddedTracksAsFloatPcmOnStdout() {
        assertThat(MixCommand.mix(Path.of("/opt/ffmpeg"), List.of(onClock("p0.webm"), onClock("p1.webm"))))
                .containsExactly("/opt/ffmpeg", "-nostdin", "-nostats", "-loglevel", "error",
                        "-i", "p0.webm", "-i", "p1.webm",
                        "-filter_complex", "[0:a:0]" + MixCommand.STEREO_FLOAT + "[in0];[1:a:0]" + MixCommand.STEREO_FLOAT
                                + "[in1];[in0][in1]amix=inputs=2:normalize=0:duration=longest",
                        "-c:a", "pcm_f32le", "-ar", "48000", "-ac", "2", "-f", "f32le", "-");
    }

    @Test
    void encodesThePcmOnStdinIntoA128kCbrStereoMp3() {
        assertThat(MixCommand.mp3(Path.of("/opt/ffmpeg"), Path.of("/tmp/audio.mp3")))
                .containsExactly("/opt/ffmpeg", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                        "-ar", "48000", "-ac", "2", "-f", "f32le", "-i", "-",
                        "-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3", "/tmp/audio.mp3");
    }

    @Test
    void aSourceNotYetOnTheMeetingClockIsPutThereInTheSamePass() {
        List<String> command = MixCommand.mix(Path.of("ffmpeg"), List.of(new MixCommand.Input(Path.of("in.mp4"), false)));

        assertThat(command).contains("-copyts").doesNotContain("amix");
        assertThat(command.get(command.indexOf("-filter_complex") + 1)).isEqualTo("[0:a:0]" + MixCommand.ON_THE_CLOCK
                + "," + MixCommand.STEREO_FLOAT);
    }

    @Test
    void refusesToMixNothing() {
        assertThatThrownBy(() -> MixCommand.mix(Path.of("ffmpeg"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tracks");
    }

    private static MixCommand.Input onClock(String file) {
        return new MixCommand.Input(Path.of(file), true);
    }
}
