package io.reflector.ingest.media.webm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The EBML (Matroska/WebM) element ids this package reads and writes, and the encoding of element ids, sizes and
 * values (RFC 8794; Matroska element ids from RFC 9559).
 */
final class Ebml {
    static final int EBML = 0x1A45DFA3;
    static final int EBML_VERSION = 0x4286;
    static final int EBML_READ_VERSION = 0x42F7;
    static final int EBML_MAX_ID_LENGTH = 0x42F2;
    static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
    static final int DOC_TYPE = 0x4282;
    static final int DOC_TYPE_VERSION = 0x4287;
    static final int DOC_TYPE_READ_VERSION = 0x4285;

    static final int SEGMENT = 0x18538067;
    static final int SEEK_HEAD = 0x114D9B74;
    static final int INFO = 0x1549A966;
    static final int TIMESTAMP_SCALE = 0x2AD7B1;
    static final int DURATION = 0x4489;
    static final int MUXING_APP = 0x4D80;
    static final int WRITING_APP = 0x5741;
    static final int TRACKS = 0x1654AE6B;
    static final int TRACK_ENTRY = 0xAE;
    static final int TRACK_NUMBER = 0xD7;
    static final int TRACK_UID = 0x73C5;
    static final int TRACK_TYPE = 0x83;
    static final int CODEC_ID = 0x86;
    static final int CODEC_PRIVATE = 0x63A2;
    static final int CODEC_DELAY = 0x56AA;
    static final int SEEK_PRE_ROLL = 0x56BB;
    static final int CONTENT_ENCODINGS = 0x6D80;
    static final int AUDIO = 0xE1;
    static final int SAMPLING_FREQUENCY = 0xB5;
    static final int CHANNELS = 0x9F;
    static final int CLUSTER = 0x1F43B675;
    static final int CLUSTER_TIMESTAMP = 0xE7;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int BLOCK_GROUP = 0xA0;
    static final int BLOCK = 0xA1;
    static final int DISCARD_PADDING = 0x75A2;

    static final int TRACK_TYPE_AUDIO = 2;
    /** All size bits set: the element runs until something that cannot be its child (live WebM writes clusters so). */
    static final long UNKNOWN_SIZE = -1;

    private Ebml() {
    }

    /** The number of bytes of a variable-size integer (id or size) whose first byte is {@code first}, 0 if invalid. */
    static int vintLength(int first) {
        return first == 0 ? 0 : Integer.numberOfLeadingZeros(first & 0xFF) - 23;
    }

    static byte[] element(int id, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 12);
        writeId(out, id);
        writeSize(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] uintElement(int id, long value) {
        int bytes = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) / 8);
        byte[] payload = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            payload[bytes - 1 - i] = (byte) (value >>> (8 * i));
        }
        return element(id, payload);
    }

    /** Signed integers (DiscardPadding): the shortest two's complement form. */
    static byte[] intElement(int id, long value) {
        int bytes = 1;
        while (bytes < 8 && (value < -(1L << (8 * bytes - 1)) || value >= (1L << (8 * bytes - 1)))) {
            bytes++;
        }
        byte[] payload = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            payload[bytes - 1 - i] = (byte) (value >>> (8 * i));
        }
        return element(id, payload);
    }

    static byte[] floatElement(int id, double value) {
        long bits = Double.doubleToLongBits(value);
        byte[] payload = new byte[8];
        for (int i = 0; i < 8; i++) {
            payload[7 - i] = (byte) (bits >>> (8 * i));
        }
        return element(id, payload);
    }

    static byte[] stringElement(int id, String value) {
        return element(id, value.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] master(int id, byte[]... children) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] child : children) {
            payload.writeBytes(child);
        }
        return element(id, payload.toByteArray());
    }

    /** Ids are written with their length marker, as they are defined. */
    static void writeId(ByteArrayOutputStream out, int id) {
        int bytes = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(id >>> (8 * i));
        }
    }

    /** The shortest size encoding (1 to 8 bytes). */
    static void writeSize(ByteArrayOutputStream out, long size) {
        int bytes = 1;
        while (bytes < 8 && size >= (1L << (7 * bytes)) - 1) {
            bytes++;
        }
        writeSize(out, size, bytes);
    }

    static void writeSize(ByteArrayOutputStream out, long size, int bytes) {
        long marked = size | (1L << (7 * bytes));
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (marked >>> (8 * i)));
        }
    }
}
