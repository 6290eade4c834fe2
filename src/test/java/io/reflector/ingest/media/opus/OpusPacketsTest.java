package io.reflector.ingest.media.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.webm.OpusTrack;
import io.reflector.ingest.media.webm.WebmOpusWriter;

/** TOC durations (RFC 6716 §3.1) and silent packets, the latter decoded by both of ffmpeg's Opus decoders. */
class OpusPacketsTest {

    @TempDir
    Path directory;

    /** Table 2 of §3.1: configs 0-11 SILK 10/20/40/60, 12-15 Hybrid 10/20, 16-31 CELT 2.5/5/10/20 ms. */
    @ParameterizedTest(name = "config {0}: {1} samples a frame")
    @CsvSource({"0, 480", "1, 960", "2, 1920", "3, 2880", "7, 2880", "11, 2880", "12, 480", "13, 960", "15, 960",
            "16, 120", "17, 240", "18, 480", "19, 960", "28, 120", "31, 960"})
    void oneFramePacketsLastTheirConfigsFrameSize(int config, int samples) {
        assertThat(OpusPackets.samples(new byte[] {(byte) (config << 3), 0x12})).isEqualTo(samples);
        assertThat(OpusPackets.samples(new byte[] {(byte) (config << 3 | 0x4), 0x12})).as("stereo")
                .isEqualTo(samples);
    }

    @Test
    void codesOneAndTwoAreTwoFramesAndCodeThreeSaysHowMany() {
        int celt20 = 31 << 3;
        assertThat(OpusPackets.samples(new byte[] {(byte) (celt20 | 1), 1, 2})).isEqualTo(1_920);
        assertThat(OpusPackets.samples(new byte[] {(byte) (celt20 | 2), 1, 2, 3})).isEqualTo(1_920);
        assertThat(OpusPackets.samples(new byte[] {(byte) (celt20 | 3), 6})).isEqualTo(5_760);
        // the VBR and padding flags of the frame count byte do not count frames
        assertThat(OpusPackets.samples(new byte[] {(byte) (celt20 | 3), (byte) (0xC0 | 3), 0})).isEqualTo(2_880);
        assertThat(OpusPackets.samples(new byte[] {(byte) (16 << 3 | 3), 48})).as("48 frames of 2.5 ms")
                .isEqualTo(5_760);
    }

    @Test
    void packetsThatAreNoOpusAreRefused() {
        assertThatThrownBy(() -> OpusPackets.samples(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty Opus packet");
        assertThatThrownBy(() -> OpusPackets.samples(new byte[] {(byte) (31 << 3 | 3)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without its frame count");
        assertThatThrownBy(() -> OpusPackets.samples(new byte[] {(byte) (31 << 3 | 3), 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 frames");
        assertThatThrownBy(() -> OpusPackets.samples(new byte[] {(byte) (31 << 3 | 3), 7}))
                .as("7 frames of 20 ms: 140 ms").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 1 to 120 ms");
        assertThatThrownBy(() -> OpusPackets.samples(new byte[] {(byte) (3 << 3 | 3), 3}))
                .as("3 frames of 60 ms").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void silentPacketsLastWhatTheyAreMadeOf() {
        for (int frame : OpusPackets.CELT_FRAME_SAMPLES) {
            for (int frames = 1; frames * frame <= OpusPackets.MAX_PACKET_SAMPLES && frames <= 6; frames++) {
                for (boolean stereo : new boolean[] {false, true}) {
                    byte[] packet = OpusPackets.silence(frame, frames, stereo);
                    assertThat(OpusPackets.samples(packet)).isEqualTo(frame * frames);
                    assertThat((packet[0] >> 2) & 1).as("stereo flag").isEqualTo(stereo ? 1 : 0);
                    assertThat(packet).hasSize(frames == 1 ? 3 : 2 + 2 * frames);
                }
            }
        }
        assertThatThrownBy(() -> OpusPackets.silence(960, 7, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpusPackets.silence(480 * 3, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A stream of nothing but silent packets of every size decodes, in both decoders, to exactly its length of
     * zeros: no packet-loss concealment, no noise, and DiscardPadding honoured on blocks in the middle.
     */
    @ParameterizedTest(name = "{0} channel(s)")
    @ValueSource(ints = {1, 2})
    void silentPacketsDecodeToDigitalSilenceInBothDecoders(int channels) throws IOException {
        Path file = directory.resolve("silence-" + channels + ".webm");
        long position = 0;
        long expected = 0;
        try (WebmOpusWriter writer = WebmOpusWriter.create(file, opusTrack(channels), 0)) {
            for (int round = 0; round < 3; round++) {
                for (int frame : OpusPackets.CELT_FRAME_SAMPLES) {
                    for (int frames : new int[] {1, 2, 6}) {
                        int discard = round == 1 ? frame - 48 : 0;
                        writer.write(position, OpusPackets.silence(frame, frames, channels == 2), frame * frames,
                                discard);
                        position += frame * frames - discard;
                    }
                }
            }
            expected = position;
        }
        FfmpegBinaries binaries = FfmpegBinaries.resolve(null);
        for (String decoder : List.of("opus", "libopus")) {
            float[] pcm = new ProcessRunner().run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error",
                    "-c:a", decoder, "-i", file.toString(), "-f", "f32le", "-"), Duration.ofMinutes(1), stdout -> {
                        FloatBuffer floats = ByteBuffer.wrap(stdout.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN)
                                .asFloatBuffer();
                        float[] all = new float[floats.remaining()];
                        floats.get(all);
                        return all;
                    });
            assertThat(pcm).as("%s: samples", decoder).hasSize((int) expected * channels);
            for (int i = 0; i < pcm.length; i++) {
                if (pcm[i] != 0f) {
                    throw new AssertionError(decoder + ": sample " + i + " is " + pcm[i]);
                }
            }
        }
    }

    /** An OpusHead (RFC 7845 §5.1) for mono or stereo, family 0. */
    private static OpusTrack opusTrack(int channels) {
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) channels)
                .putShort((short) 0).putInt(48_000).putShort((short) 0).put((byte) 0);
        return new OpusTrack(head.array(), channels, 0, 0);
    }
}
