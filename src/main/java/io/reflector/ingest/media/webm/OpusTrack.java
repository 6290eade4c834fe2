package io.reflector.ingest.media.webm;

import java.util.Arrays;

/**
 * The Opus track of a WebM file: its identification header (RFC 7845 §5.1, the Matroska CodecPrivate) and what the
 * padder reads from it.
 *
 * @param opusHead the OpusHead bytes as stored
 * @param channels 1 or 2 (channel mapping family 0)
 * @param preSkip  samples (48 kHz) every decoder drops at the start of the stream
 * @param codecDelayNs the container's CodecDelay: block timestamps are this much later than the decoded samples
 *                 they start (usually the pre-skip; 0 when the muxer did not write it)
 */
public record OpusTrack(byte[] opusHead, int channels, int preSkip, long codecDelayNs) {
    private static final byte[] MAGIC = "OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MIN_LENGTH = 19;
    static final int PRE_SKIP_OFFSET = 10;

    public OpusTrack {
        opusHead = opusHead.clone();
    }

    /** @throws UnsupportedWebmException unless it is an OpusHead of version 0.x, family 0, mono or stereo */
    static OpusTrack parse(byte[] codecPrivate, long codecDelayNs) {
        if (codecPrivate == null || codecPrivate.length < MIN_LENGTH
                || !Arrays.equals(codecPrivate, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new UnsupportedWebmException("the Opus track has no OpusHead in its CodecPrivate");
        }
        int version = codecPrivate[8] & 0xFF;
        int channels = codecPrivate[9] & 0xFF;
        int family = codecPrivate[18] & 0xFF;
        if (version >> 4 != 0) {
            throw new UnsupportedWebmException("OpusHead version " + version + " is not 0.x");
        }
        if (family != 0 || channels < 1 || channels > 2) {
            throw new UnsupportedWebmException("Opus channel mapping family " + family + " with " + channels
                    + " channels: only mono and stereo (family 0) are copied");
        }
        int preSkip = (codecPrivate[PRE_SKIP_OFFSET] & 0xFF) | (codecPrivate[PRE_SKIP_OFFSET + 1] & 0xFF) << 8;
        return new OpusTrack(codecPrivate, channels, preSkip, codecDelayNs);
    }

    /** The same header with another pre-skip (the only field the padder changes). */
    public byte[] withPreSkip(int samples) {
        if (samples < 0 || samples > 0xFFFF) {
            throw new IllegalArgumentException("pre-skip " + samples + " is not 0 to 65535 samples");
        }
        byte[] head = opusHead.clone();
        head[PRE_SKIP_OFFSET] = (byte) samples;
        head[PRE_SKIP_OFFSET + 1] = (byte) (samples >>> 8);
        return head;
    }

    @Override
    public byte[] opusHead() {
        return opusHead.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpusTrack that && Arrays.equals(opusHead, that.opusHead)
                && codecDelayNs == that.codecDelayNs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(opusHead) * 31 + Long.hashCode(codecDelayNs);
    }

    @Override
    public String toString() {
        return "OpusTrack[channels=" + channels + ", preSkip=" + preSkip + ", codecDelayNs=" + codecDelayNs + "]";
    }
}
