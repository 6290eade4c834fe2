package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MixCommandTest {

    @Test
    void sumsAllTracksIntoA128kCbrStereoMp3() {
        assertThat(MixCommand.build(Path.of("/opt/ffmpeg"), List.of("p0.webm", "p1.webm", "p2.webm"), Path.of("/tmp/audio.mp3")))
                .containsExactly("/opt/ffmpeg", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                        "-i", "p0.webm", "-i", "p1.webm", "-i", "p2.webm",
                        "-filter_complex", "amix=inputs=3:normalize=0:duration=longest[mix]",
                        "-map", "[mix]",
                        "-ar", "48000", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k",
                        "-f", "mp3", "/tmp/audio.mp3");
    }

    @Test
    void refusesToMixNothing() {
        assertThatThrownBy(() -> MixCommand.build(Path.of("ffmpeg"), List.of(), Path.of("audio.mp3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no padded tracks");
    }
}
