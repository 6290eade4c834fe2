package io.reflector.ingest.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.reflector.ingest.media.webm.OpusFrame;
import io.reflector.ingest.media.webm.UnsupportedWebmException;
import io.reflector.ingest.media.webm.WebmOpusReader;

/**
 * Puts one track on the meeting clock: by copying its Opus packets ({@link OpusPacketPadder}), the rule for Daily's
 * WebM/Opus tracks, or, for a track that path cannot take, by decoding and re-encoding it with the ffmpeg pad
 * command ({@link PadCommand}). The report says which path, and why.
 */
public class TrackPadder {
    private static final Logger log = LoggerFactory.getLogger(TrackPadder.class);

    private final FfmpegBinaries binaries;
    private final ProcessRunner runner;
    private final Duration timeout;

    public TrackPadder(FfmpegBinaries binaries, ProcessRunner runner, Duration timeout) {
        this.binaries = binaries;
        this.runner = runner;
        this.timeout = timeout;
    }

    /**
     * @throws MediaProcessingException when neither path can pad it; the message names the file and both reasons
     */
    public PadReport pad(Path source, Path target) throws IOException {
        String unsupported;
        try {
            return OpusPacketPadder.pad(source, target);
        } catch (UnsupportedWebmException e) {
            unsupported = e.getMessage();
        }
        log.info("{} is padded by ffmpeg: {}", source.getFileName(), unsupported);
        try {
            runner.run(PadCommand.build(binaries.ffmpeg(), source.toString(), target), timeout);
        } catch (MediaProcessingException e) {
            MediaProcessingException failure = NoAudioStreamException.recognise(e, source.getFileName().toString());
            if (failure instanceof NoAudioStreamException) {
                throw failure;
            }
            throw new MediaProcessingException(source.getFileName() + " cannot be padded: not by copying packets ("
                    + unsupported + "), nor by ffmpeg: " + e.getMessage(), e);
        }
        return new PadReport(PadReport.Path.FFMPEG, null, 0, 0, endMs(target), unsupported);
    }

    /** Whether the packet path would take the file; for the one file of a recording, mixed straight from source. */
    public static String whyNotPacketPadded(Path source) throws IOException {
        try (WebmOpusReader reader = WebmOpusReader.open(source)) {
            return reader.next() == null ? source.getFileName() + ": no Opus packets" : null;
        } catch (UnsupportedWebmException e) {
            return e.getMessage();
        }
    }

    /** ffmpeg's own WebM/Opus output, read back for its length; the packet reader reads it in milliseconds. */
    private static double endMs(Path padded) throws IOException {
        try (WebmOpusReader reader = WebmOpusReader.open(padded)) {
            long end = 0;
            for (OpusFrame frame = reader.next(); frame != null; frame = reader.next()) {
                end = frame.timestampNs() - reader.track().codecDelayNs() + frame.playedSamples() * 1_000_000_000L / 48_000;
            }
            return end / 1e6;
        }
    }
}
