package io.reflector.ingest.media.webm;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a WebM file with one Opus track, packet by packet, in constant memory: clusters of at most
 * {@link #CLUSTER_MS} are assembled in memory and written whole; the Segment size and the Duration are patched in
 * when the file is closed.
 *
 * <p>Timestamps follow the Matroska Opus mapping: a block's timestamp is where its first decoded sample plays plus
 * the CodecDelay, which this writer sets to the pre-skip. With the stream's first decoded sample at 0, block
 * timestamps are simply sample positions in ms, and the first kept sample plays at 0.
 */
public final class WebmOpusWriter implements Closeable {
    static final long CLUSTER_MS = 5_000;
    private static final long TIMESTAMP_SCALE_NS = 1_000_000;
    private static final long SEEK_PRE_ROLL_NS = 80_000_000;
    private static final int OPUS_RATE = 48_000;
    private static final int TRACK_NUMBER = 1;
    /** 8-byte size fields, so that the real size can be written over them at the end. */
    private static final int PATCHED_SIZE_BYTES = 8;

    private final Path file;
    private final OutputStream out;
    private long written;
    private long segmentDataStart;
    private long durationValueAt;
    private final ByteArrayOutputStream cluster = new ByteArrayOutputStream(64 * 1024);
    private long clusterTimestampMs = -1;
    private long endNs;
    private boolean closed;

    private WebmOpusWriter(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    /**
     * @param preSkip the pre-skip of the new stream, in samples: written into its OpusHead and as its CodecDelay
     */
    public static WebmOpusWriter create(Path file, OpusTrack source, int preSkip) throws IOException {
        WebmOpusWriter writer = new WebmOpusWriter(file);
        try {
            writer.writeHeaders(source, preSkip);
            return writer;
        } catch (IOException | RuntimeException e) {
            writer.out.close();
            throw e;
        }
    }

    /**
     * @param firstSample    the position of the packet's first decoded sample in the stream (pre-skip included)
     * @param discardSamples samples to drop from the end of its decoded audio (DiscardPadding), 0 for none
     */
    public void write(long firstSample, byte[] packet, int samples, int discardSamples) throws IOException {
        long timestampMs = Math.round(firstSample * 1000.0 / OPUS_RATE);
        if (clusterTimestampMs < 0 || timestampMs - clusterTimestampMs >= CLUSTER_MS) {
            flushCluster();
            // cluster timestamps are unsigned: a stream that starts before 0 has negative relative timestamps
            clusterTimestampMs = Math.max(0, timestampMs);
        }
        long relativeMs = timestampMs - clusterTimestampMs;
        if (relativeMs < Short.MIN_VALUE || relativeMs > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a packet at " + timestampMs + " ms does not fit a cluster at "
                    + clusterTimestampMs + " ms");
        }
        byte[] block = block(packet, (int) relativeMs, discardSamples == 0);
        if (discardSamples == 0) {
            cluster.writeBytes(Ebml.element(Ebml.SIMPLE_BLOCK, block));
        } else {
            long discardNs = Math.round(discardSamples * 1e9 / OPUS_RATE);
            cluster.writeBytes(Ebml.master(Ebml.BLOCK_GROUP, Ebml.element(Ebml.BLOCK, block),
                    Ebml.intElement(Ebml.DISCARD_PADDING, discardNs)));
        }
        endNs = Math.max(endNs, (firstSample + samples - discardSamples) * 1_000_000_000L / OPUS_RATE);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            flushCluster();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteArrayOutputStream size = new ByteArrayOutputStream(PATCHED_SIZE_BYTES);
            Ebml.writeSize(size, written - segmentDataStart, PATCHED_SIZE_BYTES);
            channel.write(ByteBuffer.wrap(size.toByteArray()), segmentDataStart - PATCHED_SIZE_BYTES);
            channel.write(ByteBuffer.allocate(8).putDouble(0, endNs / (double) TIMESTAMP_SCALE_NS), durationValueAt);
        }
    }

    private void writeHeaders(OpusTrack source, int preSkip) throws IOException {
        emit(Ebml.master(Ebml.EBML,
                Ebml.uintElement(Ebml.EBML_VERSION, 1), Ebml.uintElement(Ebml.EBML_READ_VERSION, 1),
                Ebml.uintElement(Ebml.EBML_MAX_ID_LENGTH, 4), Ebml.uintElement(Ebml.EBML_MAX_SIZE_LENGTH, 8),
                Ebml.stringElement(Ebml.DOC_TYPE, "webm"), Ebml.uintElement(Ebml.DOC_TYPE_VERSION, 4),
                Ebml.uintElement(Ebml.DOC_TYPE_READ_VERSION, 2)));
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        Ebml.writeId(segment, Ebml.SEGMENT);
        Ebml.writeSize(segment, 0, PATCHED_SIZE_BYTES);
        emit(segment.toByteArray());
        segmentDataStart = written;

        byte[] timestampScale = Ebml.uintElement(Ebml.TIMESTAMP_SCALE, TIMESTAMP_SCALE_NS);
        byte[] apps = concat(Ebml.stringElement(Ebml.MUXING_APP, "reflector-ingest"),
                Ebml.stringElement(Ebml.WRITING_APP, "reflector-ingest"));
        byte[] duration = Ebml.floatElement(Ebml.DURATION, 0);
        byte[] info = Ebml.master(Ebml.INFO, timestampScale, apps, duration);
        durationValueAt = written + info.length - 8;
        emit(info);

        long codecDelayNs = Math.round(preSkip * 1e9 / OPUS_RATE);
        emit(Ebml.master(Ebml.TRACKS, Ebml.master(Ebml.TRACK_ENTRY,
                Ebml.uintElement(Ebml.TRACK_NUMBER, TRACK_NUMBER), Ebml.uintElement(Ebml.TRACK_UID, TRACK_NUMBER),
                Ebml.uintElement(Ebml.TRACK_TYPE, Ebml.TRACK_TYPE_AUDIO), Ebml.stringElement(Ebml.CODEC_ID, "A_OPUS"),
                Ebml.element(Ebml.CODEC_PRIVATE, source.withPreSkip(preSkip)),
                Ebml.uintElement(Ebml.CODEC_DELAY, codecDelayNs),
                Ebml.uintElement(Ebml.SEEK_PRE_ROLL, SEEK_PRE_ROLL_NS),
                Ebml.master(Ebml.AUDIO, Ebml.floatElement(Ebml.SAMPLING_FREQUENCY, OPUS_RATE),
                        Ebml.uintElement(Ebml.CHANNELS, source.channels())))));
    }

    private static byte[] block(byte[] packet, int relativeMs, boolean simple) {
        byte[] block = new byte[4 + packet.length];
        block[0] = (byte) (0x80 | TRACK_NUMBER);
        block[1] = (byte) (relativeMs >> 8);
        block[2] = (byte) relativeMs;
        block[3] = (byte) (simple ? 0x80 : 0x00); // SimpleBlock: keyframe (every Opus packet is one); Block: no flags
        System.arraycopy(packet, 0, block, 4, packet.length);
        return block;
    }

    private void flushCluster() throws IOException {
        if (cluster.size() == 0) {
            return;
        }
        emit(Ebml.element(Ebml.CLUSTER, concat(Ebml.uintElement(Ebml.CLUSTER_TIMESTAMP, clusterTimestampMs),
                cluster.toByteArray())));
        cluster.reset();
    }

    private void emit(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
