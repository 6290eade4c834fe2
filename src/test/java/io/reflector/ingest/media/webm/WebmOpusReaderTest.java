package io.reflector.ingest.media.webm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.OpusPacketPadder;
import io.reflector.ingest.media.ProcessRunner;

/**
 * The reader on what ffmpeg writes, on what the app's writer writes, and on blocks ffmpeg never writes but other
 * muxers do: laced blocks (Xiph, fixed-size, EBML) and live WebM's unknown-size Segment and Clusters, built here
 * byte by byte. A handmade file is first checked against ffmpeg's own reading of it (the same decoded audio as the
 * unlaced file), so the test's idea of lacing is the one decoders have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebmOpusReaderTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final int XIPH = 1;
    private static final int FIXED = 2;
    private static final int EBML_LACING = 3;
    private static final long FRAMES_PER_CLUSTER = 50;
    private static final byte[] CLUSTER_ID = {0x1F, 0x43, (byte) 0xB6, 0x75};

    @TempDir
    static Path directory;

    private final FfmpegBinaries binaries = FfmpegBinaries.resolve(null);
    private final ProcessRunner runner = new ProcessRunner();
    private Path vbr;
    private Path cbr;

    private record Read(OpusTrack track, List<OpusFrame> frames) {
    }

    @Test
    void readsTheTrackAndEveryPacketOfWhatFfmpegWrites() throws IOException {
        Read read = read(vbrSource());

        assertThat(read.track().channels()).isEqualTo(2);
        assertThat(read.track().preSkip()).isEqualTo(312);
        assertThat(read.track().codecDelayNs()).isEqualTo(6_500_000);
        assertThat(read.frames()).as("2 s and the pre-skip in 20 ms packets").hasSize(101);
        assertThat(read.frames()).allSatisfy(frame -> assertThat(frame.samples()).isEqualTo(960));
        // ffmpeg rounds the first packet's -6.5 ms to -7 and adds a CodecDelay of 7 ms, the next's 13.5 ms to 14
        assertThat(read.frames().get(0).timestampNs()).isZero();
        for (int k = 1; k < read.frames().size(); k++) {
            assertThat(read.frames().get(k).timestampNs()).isEqualTo(k * 20_000_000L + 1_000_000);
        }
        int played = read.frames().stream().mapToInt(OpusFrame::playedSamples).sum();
        assertThat(played).as("2 s of content and the pre-skip").isEqualTo(96_000 + 312);
        assertThat(read.frames().get(100).discardSamples()).isEqualTo(101 * 960 - 96_000 - 312);
        assertThat(read.frames().subList(0, 100)).allSatisfy(f -> assertThat(f.discardSamples()).isZero());
        assertThat(decode(vbrSource())).hasSize(96_000 * 2);
    }

    @ParameterizedTest(name = "lacing {0}, {1} frames a block, unknown sizes {2}")
    @CsvSource({"1, 3, false", "1, 8, true", "2, 4, false", "2, 5, true", "3, 3, false", "3, 7, true"})
    void readsLacedBlocksAsTheirFrames(int lacing, int perBlock, boolean unknownSizes) throws IOException {
        Path source = lacing == FIXED ? cbrSource() : vbrSource();
        Read plain = read(source);
        if (lacing == XIPH) {
            assertThat(plain.frames()).as("Xiph sizes of 255 bytes and more").anySatisfy(
                    f -> assertThat(f.packet().length).isGreaterThanOrEqualTo(255));
        }
        Path laced = directory.resolve("laced-" + lacing + "-" + perBlock + "-" + unknownSizes + ".webm");
        Files.write(laced, handmade(plain, lacing, perBlock, unknownSizes));

        Read read = read(laced);
        assertThat(read.track()).isEqualTo(plain.track());
        assertThat(read.frames()).hasSameSizeAs(plain.frames());
        for (int k = 0; k < plain.frames().size(); k++) {
            OpusFrame expected = plain.frames().get(k);
            OpusFrame actual = read.frames().get(k);
            assertThat(actual.packet()).as("packet %d", k).isEqualTo(expected.packet());
            // a laced frame's time follows from the durations before it in its block, the muxer rounded its own
            assertThat(actual.timestampNs()).as("timestamp of packet %d", k)
                    .isCloseTo(expected.timestampNs(), org.assertj.core.api.Assertions.within(1_000_000L));
            assertThat(actual.samples()).isEqualTo(expected.samples());
            assertThat(actual.discardSamples()).as("discard of packet %d", k).isEqualTo(expected.discardSamples());
        }
        assertThat(decode(laced)).as("ffmpeg reads the handmade file as the original").isEqualTo(decode(source));

        Path paddedPlain = directory.resolve("padded-plain.webm");
        Path paddedLaced = directory.resolve("padded-laced.webm");
        OpusPacketPadder.pad(source, paddedPlain);
        OpusPacketPadder.pad(laced, paddedLaced);
        assertThat(Files.readAllBytes(paddedLaced)).isEqualTo(Files.readAllBytes(paddedPlain));
    }

    @Test
    void readsBackWhatTheWriterWroteWithNegativeTimestampsClustersAndDiscardPadding() throws IOException {
        Read source = read(vbrSource());
        Path written = directory.resolve("written.webm");
        long first = -30 * 48;
        try (WebmOpusWriter writer = WebmOpusWriter.create(written, source.track(), 1_000)) {
            long position = first;
            for (int round = 0; round < 4; round++) {
                for (OpusFrame frame : source.frames()) {
                    writer.write(position, frame.packet(), frame.samples(), round == 1 ? 100 : 0);
                    position += frame.samples() - (round == 1 ? 100 : 0);
                }
            }
        }
        Read read = read(written);

        assertThat(read.track().preSkip()).isEqualTo(1_000);
        assertThat(read.track().codecDelayNs()).isEqualTo(Math.round(1_000 * 1e9 / 48_000));
        assertThat(read.track().opusHead()).hasSize(source.track().opusHead().length);
        int perRound = source.frames().size();
        assertThat(read.frames()).hasSize(4 * perRound);
        long position = first;
        for (int k = 0; k < 4 * perRound; k++) {
            OpusFrame frame = read.frames().get(k);
            assertThat(frame.packet()).isEqualTo(source.frames().get(k % perRound).packet());
            assertThat(frame.timestampNs()).as("packet %d", k).isEqualTo(Math.round(position / 48.0) * 1_000_000);
            assertThat(frame.discardSamples()).isEqualTo(k / perRound == 1 ? 100 : 0);
            position += frame.playedSamples();
        }
        int clusters = countClusters(Files.readAllBytes(written));
        assertThat(clusters).as("clusters of at most 5 s in 8 s").isEqualTo(2);
    }

    @Test
    void aFileThatIsNotEbmlIsRefusedByName() throws IOException {
        Path text = directory.resolve("notes.txt");
        Files.writeString(text, "this is a meeting agenda, not a recording\n");
        assertThatThrownBy(() -> WebmOpusReader.open(text)).isInstanceOf(UnsupportedWebmException.class)
                .hasMessage("notes.txt: not an EBML file");
    }

    @Test
    void aFileCutInTheMiddleOfABlockIsRefused() throws IOException {
        byte[] whole = Files.readAllBytes(vbrSource());
        Path cut = directory.resolve("cut-in-block.webm");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> readAll(cut)).isInstanceOf(UnsupportedWebmException.class)
                .hasMessageStartingWith("cut-in-block.webm: cut short at byte");
    }

    /** A Segment of known size that ends early lost its end, even when the cut falls between two elements. */
    @Test
    void aFileCutBetweenTwoClustersIsRefused() throws IOException {
        Read plain = read(vbrSource());
        byte[] whole = handmade(plain, 0, 1, false);
        int secondCluster = lastIndexOf(whole, CLUSTER_ID, whole.length);
        assertThat(lastIndexOf(whole, CLUSTER_ID, secondCluster)).as("a first cluster before it").isPositive();
        Path cut = directory.resolve("cut-between-clusters.webm");
        Files.write(cut, Arrays.copyOf(whole, secondCluster));
        assertThatThrownBy(() -> readAll(cut)).isInstanceOf(UnsupportedWebmException.class)
                .hasMessageStartingWith("cut-between-clusters.webm: cut short at byte " + secondCluster);
    }

    @Test
    void aVorbisTrackIsRefused() throws IOException {
        Path vorbis = directory.resolve("vorbis.webm");
        encode(vorbis, "libvorbis", 2, List.of());
        assertThatThrownBy(() -> WebmOpusReader.open(vorbis)).isInstanceOf(UnsupportedWebmException.class)
                .hasMessage("vorbis.webm: the audio track is A_VORBIS, not Opus");
    }

    @Test
    void moreThanTwoChannelsAreRefused() throws IOException {
        Path surround = directory.resolve("surround.webm");
        encode(surround, "libopus", 6, List.of("-mapping_family", "1"));
        assertThatThrownBy(() -> WebmOpusReader.open(surround)).isInstanceOf(UnsupportedWebmException.class)
                .hasMessageContaining("surround.webm: Opus channel mapping family 1 with 6 channels");
    }

    @Test
    void encryptedOrCompressedBlocksAreRefused() throws IOException {
        Read plain = read(vbrSource());
        byte[] file = handmade(plain, 0, 1, false, Ebml.master(Ebml.CONTENT_ENCODINGS, new byte[0]));
        Path encoded = directory.resolve("encoded.webm");
        Files.write(encoded, file);
        assertThatThrownBy(() -> WebmOpusReader.open(encoded)).isInstanceOf(UnsupportedWebmException.class)
                .hasMessage("encoded.webm: the Opus track's blocks are compressed or encrypted (ContentEncodings)");
    }

    private Path vbrSource() {
        if (vbr == null) {
            vbr = directory.resolve("vbr.webm");
            encode(vbr, "libopus", 2, List.of("-b:a", "128k"));
        }
        return vbr;
    }

    /** Hard CBR: every packet has the same size, which fixed-size lacing needs. */
    private Path cbrSource() {
        if (cbr == null) {
            cbr = directory.resolve("cbr.webm");
            encode(cbr, "libopus", 2, List.of("-b:a", "64k", "-vbr", "off"));
        }
        return cbr;
    }

    private void encode(Path target, String codec, int channels, List<String> options) {
        List<String> command = new ArrayList<>(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "anoisesrc=c=pink:r=48000:a=0.2:d=2:seed=3", "-ac", String.valueOf(channels),
                "-c:a", codec));
        command.addAll(options);
        command.addAll(List.of("-f", "webm", target.toString()));
        runner.run(command, TIMEOUT);
    }

    private static Read read(Path file) throws IOException {
        try (WebmOpusReader reader = WebmOpusReader.open(file)) {
            List<OpusFrame> frames = new ArrayList<>();
            for (OpusFrame frame = reader.next(); frame != null; frame = reader.next()) {
                frames.add(frame);
            }
            return new Read(reader.track(), frames);
        }
    }

    private static void readAll(Path file) throws IOException {
        read(file);
    }

    private float[] decode(Path file) {
        return runner.run(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0:a:0", "-f", "f32le", "-"), TIMEOUT, stdout -> {
                    FloatBuffer floats = ByteBuffer.wrap(stdout.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN)
                            .asFloatBuffer();
                    float[] pcm = new float[floats.remaining()];
                    floats.get(pcm);
                    return pcm;
                });
    }

    private static byte[] handmade(Read plain, int lacing, int perBlock, boolean unknownSizes,
                                   byte[]... trackExtras) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(Ebml.master(Ebml.EBML, Ebml.uintElement(Ebml.EBML_VERSION, 1),
                Ebml.uintElement(Ebml.EBML_READ_VERSION, 1), Ebml.stringElement(Ebml.DOC_TYPE, "webm"),
                Ebml.uintElement(Ebml.DOC_TYPE_VERSION, 4), Ebml.uintElement(Ebml.DOC_TYPE_READ_VERSION, 2)));
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.writeBytes(Ebml.master(Ebml.INFO, Ebml.uintElement(Ebml.TIMESTAMP_SCALE, 1_000_000),
                Ebml.stringElement(Ebml.MUXING_APP, "handmade")));
        List<byte[]> entry = new ArrayList<>(List.of(Ebml.uintElement(Ebml.TRACK_NUMBER, 1),
                Ebml.uintElement(Ebml.TRACK_UID, 1), Ebml.uintElement(Ebml.TRACK_TYPE, Ebml.TRACK_TYPE_AUDIO),
                Ebml.stringElement(Ebml.CODEC_ID, "A_OPUS"),
                Ebml.element(Ebml.CODEC_PRIVATE, plain.track().opusHead()),
                Ebml.uintElement(Ebml.CODEC_DELAY, plain.track().codecDelayNs()),
                Ebml.master(Ebml.AUDIO, Ebml.floatElement(Ebml.SAMPLING_FREQUENCY, 48_000),
                        Ebml.uintElement(Ebml.CHANNELS, plain.track().channels()))));
        entry.addAll(List.of(trackExtras));
        segment.writeBytes(Ebml.master(Ebml.TRACKS, Ebml.master(Ebml.TRACK_ENTRY, entry.toArray(byte[][]::new))));

        List<OpusFrame> frames = plain.frames();
        for (int c = 0; c < frames.size(); c += FRAMES_PER_CLUSTER) {
            long clusterMs = frames.get(c).timestampNs() / 1_000_000;
            ByteArrayOutputStream cluster = new ByteArrayOutputStream();
            cluster.writeBytes(Ebml.uintElement(Ebml.CLUSTER_TIMESTAMP, clusterMs));
            int clusterEnd = (int) Math.min(frames.size(), c + FRAMES_PER_CLUSTER);
            for (int b = c; b < clusterEnd; b += perBlock) {
                List<OpusFrame> group = frames.subList(b, Math.min(clusterEnd, b + perBlock));
                int blockLacing = group.size() == 1 ? 0 : lacing;
                if (blockLacing == FIXED && group.stream().anyMatch(f -> f.packet().length != group.get(0).packet().length)) {
                    throw new IllegalStateException("fixed-size lacing of packets of different sizes");
                }
                OpusFrame last = group.get(group.size() - 1);
                byte[] block = block(group, (int) (group.get(0).timestampNs() / 1_000_000 - clusterMs), blockLacing);
                if (last.discardSamples() == 0) {
                    cluster.writeBytes(Ebml.element(Ebml.SIMPLE_BLOCK, block));
                } else {
                    cluster.writeBytes(Ebml.master(Ebml.BLOCK_GROUP, Ebml.element(Ebml.BLOCK, block),
                            Ebml.intElement(Ebml.DISCARD_PADDING, Math.round(last.discardSamples() * 1e9 / 48_000))));
                }
            }
            writeElement(segment, Ebml.CLUSTER, cluster.toByteArray(), unknownSizes);
        }
        writeElement(file, Ebml.SEGMENT, segment.toByteArray(), unknownSizes);
        return file.toByteArray();
    }

    private static void writeElement(ByteArrayOutputStream out, int id, byte[] payload, boolean unknownSize) {
        if (unknownSize) {
            Ebml.writeId(out, id);
            Ebml.writeSize(out, (1L << 56) - 1, 8);
            out.writeBytes(payload);
        } else {
            out.writeBytes(Ebml.element(id, payload));
        }
    }

    /** RFC 9559 §10.2 and §10.3: track number, timestamp, flags, lace header, the frames. */
    private static byte[] block(List<OpusFrame> frames, int relativeMs, int lacing) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x81);
        block.write(relativeMs >> 8);
        block.write(relativeMs);
        block.write(0x80 | lacing << 1);
        if (lacing != 0) {
            block.write(frames.size() - 1);
        }
        List<Integer> sizes = frames.stream().map(f -> f.packet().length).toList();
        switch (lacing) {
            case XIPH -> {
                for (int size : sizes.subList(0, sizes.size() - 1)) {
                    for (int left = size; ; left -= 255) {
                        block.write(Math.min(left, 255));
                        if (left < 255) {
                            break;
                        }
                    }
                }
            }
            case EBML_LACING -> {
                Ebml.writeSize(block, sizes.get(0));
                for (int f = 1; f < sizes.size() - 1; f++) {
                    long difference = sizes.get(f) - sizes.get(f - 1);
                    int bytes = 1;
                    while (Math.abs(difference) > (1L << (7 * bytes - 1)) - 2) {
                        bytes++;
                    }
                    Ebml.writeSize(block, difference + (1L << (7 * bytes - 1)) - 1, bytes);
                }
            }
            default -> {
            }
        }
        frames.forEach(f -> block.writeBytes(f.packet()));
        return block.toByteArray();
    }

    private static int countClusters(byte[] file) {
        int count = 0;
        for (int at = lastIndexOf(file, CLUSTER_ID, file.length); at >= 0; at = lastIndexOf(file, CLUSTER_ID, at)) {
            count++;
        }
        return count;
    }

    /** The last occurrence of {@code needle} that starts before {@code before}, -1 if none. */
    private static int lastIndexOf(byte[] haystack, byte[] needle, int before) {
        for (int at = Math.min(before - 1, haystack.length - needle.length); at >= 0; at--) {
            if (Arrays.equals(haystack, at, at + needle.length, needle, 0, needle.length)) {
                return at;
            }
        }
        return -1;
    }
}
