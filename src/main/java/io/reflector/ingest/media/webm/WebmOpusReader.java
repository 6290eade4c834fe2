package io.reflector.ingest.media.webm;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.reflector.ingest.media.opus.OpusPackets;

/**
 * Reads the Opus packets of a WebM (or Matroska) file front to back, in constant memory: the first audio track's
 * header, then one packet at a time with its timestamp and DiscardPadding. SimpleBlocks and BlockGroups, laced
 * (Xiph, fixed, EBML) or not, clusters of known or unknown size (as live muxers write them). Other tracks, cues, tags
 * and void elements are skipped.
 *
 * @throws UnsupportedWebmException from every method, for a file it cannot read as such (see its doc)
 */
public final class WebmOpusReader implements Closeable {
    /** Opus packets are at most a few kB; a larger block is no audio this reader should hold in memory. */
    static final int MAX_BLOCK_BYTES = 1 << 20;
    private static final long DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;
    private static final int OPUS_RATE = 48_000;

    private final Input in;
    private final String name;
    private long segmentEnd = Long.MAX_VALUE;
    private long timestampScaleNs = DEFAULT_TIMESTAMP_SCALE_NS;
    private long trackNumber = -1;
    private OpusTrack track;
    private Long clusterTimestamp;
    private final Deque<OpusFrame> laced = new ArrayDeque<>();

    private WebmOpusReader(InputStream stream, String name) {
        this.in = new Input(stream);
        this.name = name;
    }

    public static WebmOpusReader open(Path file) throws IOException {
        WebmOpusReader reader = new WebmOpusReader(new BufferedInputStream(Files.newInputStream(file), 64 * 1024),
                file.getFileName().toString());
        try {
            reader.readHeaders();
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public OpusTrack track() {
        return track;
    }

    /** The next packet of the Opus track, or null after the last. */
    public OpusFrame next() throws IOException {
        while (laced.isEmpty()) {
            if (in.position >= segmentEnd) {
                return null;
            }
            // the end of the file ends the track only where the Segment's size is unknown (live WebM)
            int id = in.readId(segmentEnd == Long.MAX_VALUE);
            if (id < 0) {
                return null;
            }
            long size = in.readSize();
            switch (id) {
                case Ebml.CLUSTER -> clusterTimestamp = null; // its children follow, whatever its size
                case Ebml.CLUSTER_TIMESTAMP -> clusterTimestamp = in.readUint(known(id, size));
                case Ebml.SIMPLE_BLOCK -> readBlock(in.readBytes(blockSize(known(id, size))), 0);
                case Ebml.BLOCK_GROUP -> readBlockGroup(known(id, size));
                default -> in.skip(known(id, size));
            }
        }
        return laced.removeFirst();
    }

    @Override
    public void close() throws IOException {
        in.stream.close();
    }

    private void readHeaders() throws IOException {
        int id = in.readId(true);
        if (id != Ebml.EBML) {
            throw unsupported("not an EBML file");
        }
        long headerEnd = in.position + known(id, in.readSize());
        String docType = null;
        while (in.position < headerEnd) {
            int child = in.readId(false);
            long size = known(child, in.readSize());
            if (child == Ebml.DOC_TYPE) {
                docType = in.readString(size);
            } else {
                in.skip(size);
            }
        }
        if (!"webm".equals(docType) && !"matroska".equals(docType)) {
            throw unsupported("EBML document type " + docType + " is neither webm nor matroska");
        }
        if (in.readId(false) != Ebml.SEGMENT) {
            throw unsupported("no Segment after the EBML header");
        }
        long segmentSize = in.readSize();
        if (segmentSize != Ebml.UNKNOWN_SIZE) {
            segmentEnd = in.position + segmentSize;
        }
        while (true) {
            int child = in.readId(false);
            long size = in.readSize();
            if (child == Ebml.CLUSTER) {
                break; // the first cluster's children are read by next()
            }
            long length = known(child, size);
            switch (child) {
                case Ebml.INFO -> readInfo(in.position + length);
                case Ebml.TRACKS -> readTracks(in.position + length);
                default -> in.skip(length);
            }
        }
        if (track == null) {
            throw unsupported("no Opus audio track before the first cluster");
        }
    }

    private void readInfo(long end) throws IOException {
        while (in.position < end) {
            int id = in.readId(false);
            long size = known(id, in.readSize());
            if (id == Ebml.TIMESTAMP_SCALE) {
                timestampScaleNs = in.readUint(size);
                if (timestampScaleNs <= 0) {
                    throw unsupported("TimestampScale " + timestampScaleNs);
                }
            } else {
                in.skip(size);
            }
        }
    }

    private void readTracks(long end) throws IOException {
        while (in.position < end) {
            int id = in.readId(false);
            long size = known(id, in.readSize());
            if (id == Ebml.TRACK_ENTRY && track == null) {
                readTrackEntry(in.position + size);
            } else {
                in.skip(size);
            }
        }
    }

    private void readTrackEntry(long end) throws IOException {
        long number = -1;
        long type = -1;
        String codec = null;
        byte[] codecPrivate = null;
        long codecDelayNs = 0;
        boolean encoded = false;
        while (in.position < end) {
            int id = in.readId(false);
            long size = known(id, in.readSize());
            switch (id) {
                case Ebml.TRACK_NUMBER -> number = in.readUint(size);
                case Ebml.TRACK_TYPE -> type = in.readUint(size);
                case Ebml.CODEC_ID -> codec = in.readString(size);
                case Ebml.CODEC_PRIVATE -> codecPrivate = in.readBytes(blockSize(size));
                case Ebml.CODEC_DELAY -> codecDelayNs = in.readUint(size);
                case Ebml.CONTENT_ENCODINGS -> {
                    encoded = true;
                    in.skip(size);
                }
                default -> in.skip(size);
            }
        }
        if (type != Ebml.TRACK_TYPE_AUDIO) {
            return;
        }
        if (!"A_OPUS".equals(codec)) {
            throw unsupported("the audio track is " + codec + ", not Opus");
        }
        if (encoded) {
            throw unsupported("the Opus track's blocks are compressed or encrypted (ContentEncodings)");
        }
        trackNumber = number;
        try {
            track = OpusTrack.parse(codecPrivate, codecDelayNs);
        } catch (UnsupportedWebmException e) {
            throw unsupported(e.getMessage());
        }
    }

    private void readBlockGroup(long size) throws IOException {
        long end = in.position + size;
        byte[] block = null;
        long discardPaddingNs = 0;
        while (in.position < end) {
            int id = in.readId(false);
            long length = known(id, in.readSize());
            if (id == Ebml.BLOCK) {
                block = in.readBytes(blockSize(length));
            } else if (id == Ebml.DISCARD_PADDING) {
                discardPaddingNs = in.readSint(length);
            } else {
                in.skip(length);
            }
        }
        if (block == null) {
            throw unsupported("a BlockGroup without a Block at byte " + end);
        }
        readBlock(block, discardPaddingNs);
    }

    /** A block of the Opus track becomes its frames; blocks of other tracks are dropped here. */
    private void readBlock(byte[] block, long discardPaddingNs) {
        Bytes bytes = new Bytes(block);
        long blockTrack = bytes.vint();
        if (blockTrack != trackNumber) {
            return;
        }
        if (clusterTimestamp == null) {
            throw unsupported("a block before its cluster's timestamp");
        }
        int relative = (short) ((bytes.u8() << 8) | bytes.u8());
        int flags = bytes.u8();
        List<byte[]> frames = bytes.frames((flags >> 1) & 0x3);
        long timestampNs = (clusterTimestamp + relative) * timestampScaleNs;
        int discardSamples = (int) Math.round(discardPaddingNs * (double) OPUS_RATE / 1e9);
        for (int f = 0; f < frames.size(); f++) {
            byte[] packet = frames.get(f);
            int samples;
            try {
                samples = OpusPackets.samples(packet);
            } catch (IllegalArgumentException e) {
                throw unsupported(e.getMessage() + " at " + timestampNs / 1_000_000 + " ms");
            }
            boolean last = f == frames.size() - 1;
            if (last && (discardSamples < 0 || discardSamples > samples)) {
                throw unsupported("DiscardPadding of " + discardSamples + " samples on a packet of " + samples);
            }
            laced.addLast(new OpusFrame(timestampNs, packet, samples, last ? discardSamples : 0));
            timestampNs += samples * 1_000_000_000L / OPUS_RATE;
        }
    }

    private long known(int id, long size) {
        if (size == Ebml.UNKNOWN_SIZE) {
            throw unsupported(String.format("element 0x%X of unknown size at byte %d", id, in.position));
        }
        return size;
    }

    private int blockSize(long size) {
        if (size > MAX_BLOCK_BYTES) {
            throw unsupported("a block of " + size + " bytes at byte " + in.position);
        }
        return (int) size;
    }

    private UnsupportedWebmException unsupported(String what) {
        return new UnsupportedWebmException(name + ": " + what);
    }

    /** The stream with its byte position, which bounds every master element read by size. */
    private final class Input {
        private final InputStream stream;
        private long position;

        Input(InputStream stream) {
            this.stream = stream;
        }

        /** An element id with its length marker; -1 at the end of the file when {@code endAllowed}. */
        int readId(boolean endAllowed) throws IOException {
            int first = stream.read();
            if (first < 0) {
                if (endAllowed) {
                    return -1;
                }
                throw truncated();
            }
            position++;
            int length = Ebml.vintLength(first);
            if (length < 1 || length > 4) {
                throw unsupported(String.format("no element id at byte %d (0x%02X)", position - 1, first));
            }
            int id = first;
            for (int i = 1; i < length; i++) {
                id = id << 8 | u8();
            }
            return id;
        }

        long readSize() throws IOException {
            int first = u8();
            int length = Ebml.vintLength(first);
            if (length < 1) {
                throw unsupported("an invalid element size at byte " + (position - 1));
            }
            long value = first & (0xFF >>> length);
            boolean allOnes = value == (0xFF >>> length);
            for (int i = 1; i < length; i++) {
                int next = u8();
                allOnes &= next == 0xFF;
                value = value << 8 | next;
            }
            return allOnes ? Ebml.UNKNOWN_SIZE : value;
        }

        long readUint(long size) throws IOException {
            if (size > 8) {
                throw unsupported("an integer of " + size + " bytes at byte " + position);
            }
            long value = 0;
            for (int i = 0; i < size; i++) {
                value = value << 8 | u8();
            }
            return value;
        }

        long readSint(long size) throws IOException {
            long value = readUint(size);
            return size == 0 || size == 8 ? value : value << (64 - 8 * size) >> (64 - 8 * size);
        }

        String readString(long size) throws IOException {
            return new String(readBytes(blockSize(size)), StandardCharsets.UTF_8).replace("\0", "");
        }

        byte[] readBytes(int size) throws IOException {
            byte[] bytes = stream.readNBytes(size);
            position += bytes.length;
            if (bytes.length < size) {
                throw truncated();
            }
            return bytes;
        }

        void skip(long size) throws IOException {
            try {
                stream.skipNBytes(size);
            } catch (EOFException e) {
                throw truncated();
            }
            position += size;
        }

        int u8() throws IOException {
            int b = stream.read();
            if (b < 0) {
                throw truncated();
            }
            position++;
            return b;
        }

        private UnsupportedWebmException truncated() {
            return unsupported("cut short at byte " + position);
        }
    }

    /** The bytes of one block: track number, timestamp, flags, then its frames. */
    private final class Bytes {
        private final byte[] data;
        private int at;

        Bytes(byte[] data) {
            this.data = data;
        }

        int u8() {
            if (at >= data.length) {
                throw unsupported("a block cut short");
            }
            return data[at++] & 0xFF;
        }

        long vint() {
            int first = u8();
            int length = Ebml.vintLength(first);
            if (length < 1) {
                throw unsupported("a block with an invalid track number");
            }
            long value = first & (0xFF >>> length);
            for (int i = 1; i < length; i++) {
                value = value << 8 | u8();
            }
            return value;
        }

        /** RFC 9559 §10.3 lacing: 0 none, 1 Xiph, 2 fixed-size, 3 EBML. */
        List<byte[]> frames(int lacing) {
            if (lacing == 0) {
                return List.of(slice(data.length - at));
            }
            int count = u8() + 1;
            long[] sizes = new long[count];
            long total = 0;
            switch (lacing) {
                case 1 -> {
                    for (int f = 0; f < count - 1; f++) {
                        int b;
                        do {
                            b = u8();
                            sizes[f] += b;
                        } while (b == 255);
                        total += sizes[f];
                    }
                }
                case 3 -> {
                    sizes[0] = vint();
                    total = sizes[0];
                    for (int f = 1; f < count - 1; f++) {
                        int start = at;
                        long raw = vint();
                        int length = at - start;
                        sizes[f] = sizes[f - 1] + raw - ((1L << (7 * length - 1)) - 1);
                        total += sizes[f];
                    }
                }
                default -> {
                    int remaining = data.length - at;
                    if (remaining % count != 0) {
                        throw unsupported("fixed-size lacing of " + remaining + " bytes into " + count + " frames");
                    }
                    java.util.Arrays.fill(sizes, remaining / count);
                    total = (long) (remaining / count) * (count - 1);
                }
            }
            sizes[count - 1] = data.length - at - total;
            List<byte[]> frames = new ArrayList<>(count);
            for (long size : sizes) {
                if (size < 0 || size > data.length - at) {
                    throw unsupported("laced frame sizes that do not fit their block");
                }
                frames.add(slice((int) size));
            }
            return frames;
        }

        private byte[] slice(int size) {
            byte[] frame = java.util.Arrays.copyOfRange(data, at, at + size);
            at += size;
            return frame;
        }
    }
}
