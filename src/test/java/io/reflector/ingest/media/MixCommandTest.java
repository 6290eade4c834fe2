package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MixCommandTest {

    @Test
    void sumsPaddedTracksReadInsideTheGraphAsFloatPcmOnStdout() {
        assertThat(MixCommand.mix(Path.of("/opt/ffmpeg"), List.of(onClock("/w/p0.webm"), onClock("/w/p1.webm"))))
                .containsExactly("/opt/ffmpeg", "-nostdin", "-nostats", "-loglevel", "error",
                        "-filter_complex", "amovie=filename=/w/p0.webm," + MixCommand.STEREO_FLOAT
                                + "[in0];amovie=filename=/w/p1.webm," + MixCommand.STEREO_FLOAT
                                + "[in1];[in0][in1]amix=inputs=2:normalize=0:duration=longest",
                        "-c:a", "pcm_f32le", "-ar", "48000", "-ac", "2", "-f", "f32le", "-");
    }

    /** Escaped once as the option's value, then once more as part of the graph. */
    @Test
    void aFileNameIsEscapedForBothLevelsOfTheGraph() {
        assertThat(MixCommand.filterArgument("/data/a b:c,d;e[f]g'h\\i.webm"))
                .isEqualTo("/data/a\\\\\\ b\\\\:c\\,d\\;e\\[f\\]g\\\\\\'h\\\\\\\\i.webm");
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
