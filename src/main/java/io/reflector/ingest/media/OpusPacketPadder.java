package io.reflector.ingest.media;

import java.io.IOException;
import java.nio.file.Path;

import io.reflector.ingest.media.opus.OpusPackets;
import io.reflector.ingest.media.webm.OpusFrame;
import io.reflector.ingest.media.webm.OpusTrack;
import io.reflector.ingest.media.webm.UnsupportedWebmException;
import io.reflector.ingest.media.webm.WebmOpusReader;
import io.reflector.ingest.media.webm.WebmOpusWriter;

/**
 * Puts a participant's WebM/Opus track on the meeting clock without decoding it: the source's Opus packets are
 * copied byte for byte into a new WebM, and silent packets fill the time before the first one and every timestamp
 * jump (muted spans, lost packets), so that the decoded samples, read in order, sit at their meeting time.
 *
 * <p>Sample-accurate: silent frames come in 2.5 ms steps, so the leading offset is closed with the new stream's
 * pre-skip and every gap's remainder with the DiscardPadding of its last silent frame. A packet plays where its
 * timestamp says, minus the source's CodecDelay; its own pre-skip samples (the encoder's start-up, about 6.5 ms of
 * near silence before the participant's first sound) therefore land just before the audio, where they belong.
 * Timestamps are in ms, and two neighbours may each be rounded half a ms the other way (ffmpeg's muxer writes a
 * libopus stream's first block at 0 and the second at 21 ms: -6.5 ms rounded to -7 and 13.5 to 14, plus a CodecDelay
 * rounded to 7), so a jump of up to 1 ms is rounding, not a gap. Each packet is compared with its own timestamp, so
 * such deviations never add up: the audio stays within 1 ms of where its timestamps put it. A gap is filled with
 * what the timestamps jumped by, not with the rounding already tolerated before it: in ffmpeg's files every packet
 * but the first is 1 ms late, and catching that up at the first muted span would put all later audio 1 ms late.
 */
public final class OpusPacketPadder {
    private static final int OPUS_RATE = 48_000;
    private static final int TWENTY_MS = 960;
    private static final int MAX_PRE_SKIP = 0xFFFF;

    private OpusPacketPadder() {
    }

    /**
     * @throws UnsupportedWebmException when the source cannot be copied packet by packet (then decode it instead)
     */
    public static PadReport pad(Path source, Path target) throws IOException {
        try (WebmOpusReader reader = WebmOpusReader.open(source)) {
            OpusTrack track = reader.track();
            OpusFrame first = reader.next();
            if (first == null) {
                throw new UnsupportedWebmException(source.getFileName() + ": no Opus packets");
            }
            long firstAt = meetingSample(first, track);
            long leading = firstAt > 0 ? ceilDiv(firstAt, TWENTY_MS) * TWENTY_MS : 0;
            long preSkip = leading - firstAt;
            if (preSkip > MAX_PRE_SKIP) {
                throw new UnsupportedWebmException(source.getFileName() + ": starts " + -firstAt * 1000 / OPUS_RATE
                        + " ms before the meeting, more than a pre-skip can drop");
            }
            try (Timeline out = new Timeline(WebmOpusWriter.create(target, track, (int) preSkip), (int) preSkip,
                    track.channels() == 2)) {
                out.silence(leading);
                OpusFrame held = first;
                long heldAt = firstAt;
                int gaps = 0;
                long silence = 0;
                // how far the timestamps are from the audio written, while that is rounding
                long tolerated = 0;
                for (OpusFrame next = reader.next(); next != null; next = reader.next()) {
                    long nextAt = meetingSample(next, track);
                    long deviation = nextAt - (heldAt + held.playedSamples());
                    // a jump is what the timestamps moved by; the rounding tolerated before it is not filled again
                    long gap = Math.abs(deviation) <= ROUNDING_SAMPLES ? 0 : deviation - tolerated;
                    if (gap == 0) {
                        tolerated = deviation;
                    }
                    int discard = held.discardSamples();
                    if (gap < 0) {
                        // the next packet starts before this one ends: drop the overlap from this one's end
                        if (-gap >= held.playedSamples()) {
                            throw new UnsupportedWebmException(source.getFileName() + ": timestamps go backwards at "
                                    + next.timestampNs() / 1_000_000 + " ms");
                        }
                        discard += (int) -gap;
                    }
                    out.packet(held.packet(), held.samples(), discard);
                    if (gap > 0) {
                        out.silence(gap);
                        gaps++;
                        silence += gap;
                    }
                    held = next;
                    // within 1 ms of nextAt: placed by what was really written, so rounding never adds up
                    heldAt = out.meetingPosition();
                }
                out.packet(held.packet(), held.samples(), held.discardSamples());
                double offsetSeconds = (firstAt + track.preSkip()) / (double) OPUS_RATE;
                return new PadReport(PadReport.Path.PACKET, offsetSeconds, gaps, silence * 1000.0 / OPUS_RATE,
                        out.meetingPosition() * 1000.0 / OPUS_RATE, null);
            }
        }
    }

    /** 1 ms: two block timestamps, each rounded to the ms, differ by up to that much from the true step. */
    static final int ROUNDING_SAMPLES = OPUS_RATE / 1000;

    /** Where the packet's first decoded sample plays on the meeting clock, in samples. */
    private static long meetingSample(OpusFrame frame, OpusTrack track) {
        return Math.round((frame.timestampNs() - track.codecDelayNs()) * (double) OPUS_RATE / 1e9);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** The output stream and the position of its next decoded sample. */
    private static final class Timeline implements AutoCloseable {
        private final WebmOpusWriter writer;
        private final int preSkip;
        private final boolean stereo;
        private long decoded;

        Timeline(WebmOpusWriter writer, int preSkip, boolean stereo) {
            this.writer = writer;
            this.preSkip = preSkip;
            this.stereo = stereo;
        }

        long meetingPosition() {
            return decoded - preSkip;
        }

        void packet(byte[] packet, int samples, int discard) throws IOException {
            writer.write(decoded, packet, samples, discard);
            decoded += samples - discard;
        }

        /**
         * Exactly {@code samples} of silence: 120 ms packets, then 20, 10, 5 and 2.5 ms frames, and one 2.5 ms frame
         * cut to length by its DiscardPadding. A decoder that ignored DiscardPadding would hear the fill less than
         * 2.5 ms too long; ffmpeg's (and so PyAV's) decoders honour it.
         */
        void silence(long samples) throws IOException {
            long left = samples;
            int packetFrames = OpusPackets.SILENT_FRAMES_PER_PACKET;
            while (left >= (long) TWENTY_MS * packetFrames) {
                packet(OpusPackets.silence(TWENTY_MS, packetFrames, stereo), TWENTY_MS * packetFrames, 0);
                left -= (long) TWENTY_MS * packetFrames;
            }
            int frames = (int) (left / TWENTY_MS);
            if (frames > 0) {
                packet(OpusPackets.silence(TWENTY_MS, frames, stereo), TWENTY_MS * frames, 0);
                left -= (long) TWENTY_MS * frames;
            }
            for (int i = OpusPackets.CELT_FRAME_SAMPLES.length - 2; i >= 0; i--) {
                int size = OpusPackets.CELT_FRAME_SAMPLES[i];
                if (left >= size) {
                    packet(OpusPackets.silence(size, 1, stereo), size, 0);
                    left -= size;
                }
            }
            if (left > 0) {
                int smallest = OpusPackets.CELT_FRAME_SAMPLES[0];
                packet(OpusPackets.silence(smallest, 1, stereo), smallest, smallest - (int) left);
            }
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
