package io.reflector.ingest.media.webm;

/**
 * One Opus packet of a WebM track, as stored.
 *
 * @param timestampNs    where its first sample (a pre-skip sample, for the first packet) plays, in ns: the block's
 *                       timestamp, plus the earlier frames of the same block when blocks are laced
 * @param packet         the Opus packet, byte for byte
 * @param samples        what it decodes to (48 kHz), from its TOC byte
 * @param discardSamples samples to drop from the end of its decoded audio (the block's DiscardPadding)
 */
public record OpusFrame(long timestampNs, byte[] packet, int samples, int discardSamples) {

    /** Samples it adds to the decoded stream. */
    public int playedSamples() {
        return samples - discardSamples;
    }
}
