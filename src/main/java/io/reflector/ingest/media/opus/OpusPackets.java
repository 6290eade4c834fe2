package io.reflector.ingest.media.opus;

import java.util.Arrays;

/**
 * What the padder needs to know of an Opus packet without decoding it: how long it plays, from its TOC byte and
 * frame count (RFC 6716 §3.1, §3.2.5); and silent packets to put where a participant sent none.
 *
 * <p>Durations are in samples at 48 kHz, the rate every Opus decoder works at whatever the input rate was.
 */
public final class OpusPackets {

    /** 2.5, 5, 10 and 20 ms: the CELT frame sizes, which silent frames are made of. */
    public static final int[] CELT_FRAME_SAMPLES = {120, 240, 480, 960};
    /** RFC 6716 §3.2.5: a packet never plays longer than 120 ms. */
    public static final int MAX_PACKET_SAMPLES = 5760;
    public static final int SILENT_FRAMES_PER_PACKET = 6;

    /** Frame sizes by TOC config (§3.1 table 2): SILK 10/20/40/60 ms, Hybrid 10/20 ms, CELT 2.5/5/10/20 ms. */
    private static final int[] FRAME_SAMPLES = {
            480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880,
            480, 960, 480, 960,
            120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960};
    /**
     * The CELT payload of a silent frame: the range decoder reads these two bytes as the silence flag set (the first
     * symbol, coded with probability 1/32768), so every decoder outputs zeros for the frame and nothing is left to
     * conceal. An empty frame would not do: it means "lost" (§3.2.1) and decoders conceal it from the past audio.
     */
    private static final byte[] SILENT_CELT_FRAME = {(byte) 0xFF, (byte) 0xFE};
    private static final int CELT_FULLBAND_CONFIG = 28;

    private OpusPackets() {
    }

    /**
     * @return the samples (48 kHz) the packet plays
     * @throws IllegalArgumentException for a packet that is empty, has no frame count, or plays longer than 120 ms
     */
    public static int samples(byte[] packet) {
        if (packet.length == 0) {
            throw new IllegalArgumentException("empty Opus packet");
        }
        int toc = packet[0] & 0xFF;
        int frameSamples = FRAME_SAMPLES[toc >>> 3];
        int frames = switch (toc & 0x3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> {
                if (packet.length < 2) {
                    throw new IllegalArgumentException("Opus packet of code 3 without its frame count byte");
                }
                yield packet[1] & 0x3F;
            }
        };
        int samples = frames * frameSamples;
        if (frames == 0 || samples > MAX_PACKET_SAMPLES) {
            throw new IllegalArgumentException("Opus packet of " + frames + " frames of " + frameSamples
                    + " samples: not 1 to 120 ms");
        }
        return samples;
    }

    /**
     * A packet of {@code frames} silent CELT frames of {@code frameSamples} each: code 0 for one frame, code 3
     * (constant bitrate) for up to {@link #SILENT_FRAMES_PER_PACKET}, so a long muted span costs 14 bytes per
     * 120 ms.
     */
    public static byte[] silence(int frameSamples, int frames, boolean stereo) {
        int sizeIndex = Arrays.binarySearch(CELT_FRAME_SAMPLES, frameSamples);
        if (sizeIndex < 0 || frames < 1 || frames * frameSamples > MAX_PACKET_SAMPLES) {
            throw new IllegalArgumentException(frames + " silent frames of " + frameSamples + " samples");
        }
        int toc = (CELT_FULLBAND_CONFIG + sizeIndex) << 3 | (stereo ? 0x4 : 0);
        if (frames == 1) {
            return new byte[] {(byte) toc, SILENT_CELT_FRAME[0], SILENT_CELT_FRAME[1]};
        }
        byte[] packet = new byte[2 + frames * SILENT_CELT_FRAME.length];
        packet[0] = (byte) (toc | 0x3);
        packet[1] = (byte) frames; // constant bitrate, no padding: every frame is (length - 2) / frames bytes
        for (int f = 0; f < frames; f++) {
            System.arraycopy(SILENT_CELT_FRAME, 0, packet, 2 + f * SILENT_CELT_FRAME.length, SILENT_CELT_FRAME.length);
        }
        return packet;
    }
}
