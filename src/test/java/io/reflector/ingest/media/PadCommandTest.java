package io.reflector.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PadCommandTest {

    @Test
    void reencodesTheFirstAudioStreamOnItsOwnTimestampsToWebmOpusStereo() {
        assertThat(PadCommand.build(Path.of("/opt/ffmpeg"), "https://bucket/track?sig=1", Path.of("/tmp/padded_0.webm")))
                .containsExactly("/opt/ffmpeg", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                        "-copyts", "-i", "https://bucket/track?sig=1",
                        "-map", "0:a:0", "-af", "aresample=async=1:min_hard_comp=0.015:first_pts=0",
                        "-ar", "48000", "-ac", "2", "-c:a", "libopus", "-b:a", "128k",
                        "-f", "webm", "/tmp/padded_0.webm");
    }
}
