package io.reflector.ingest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.events.RunProgress;
import io.reflector.ingest.media.PadReport;
import io.reflector.ingest.media.TrackPadder;
import io.reflector.ingest.store.TranscriptStates;

/** The per-track steps of the multitrack route: split, save the fetched object, pad, report. */
@Component
public class TrackProcessing {
    public static final String TRACK = "track";
    static final String PAD_REPORT = "padReport";
    private static final Logger log = LoggerFactory.getLogger(TrackProcessing.class);

    private final WorkDirectories workDirectories;
    private final TrackPadder padder;
    private final TranscriptStates transcripts;
    private final RunProgress progress;

    public TrackProcessing(WorkDirectories workDirectories, TrackPadder padder, TranscriptStates transcripts,
                           RunProgress progress) {
        this.transcripts = transcripts;
        this.progress = progress;
        this.workDirectories = workDirectories;
        this.padder = padder;
    }

    /** A run that cannot even start (no work directory) ends in error at once, instead of holding its lease. */
    public List<TrackJob> split(MultitrackJob job) {
        RunRef ref = job.ref();
        Path workDir;
        try {
            workDir = workDirectories.create(ref);
        } catch (IOException e) {
            transcripts.failed(ref.transcriptId(), ref.run(), "no work directory for the run: " + e, false);
            return List.of();
        }
        return IntStream.range(0, job.trackKeys().size())
                .mapToObj(i -> new TrackJob(ref, job.trackKeys().get(i), i, job.trackKeys().size(), workDir))
                .toList();
    }

    /** Streams the fetched object to disk and closes the S3 stream, whatever happens. */
    public void saveSource(InputStream object, @ExchangeProperty(TRACK) TrackJob track) throws IOException {
        try (object) {
            Files.copy(progress.fetching(object, track.transcriptId(), track.run(), track.index()), track.sourceFile(),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Puts the fetched track on the meeting clock. The one file of a recording that is no WebM/Opus (a Whereby MP4)
     * is left as it is: the mix puts it on the clock in the same pass, with no Opus encode in between.
     */
    public void pad(Exchange exchange) throws IOException {
        TrackJob track = exchange.getProperty(TRACK, TrackJob.class);
        progress.trackPadding(track.transcriptId(), track.run(), track.index(), 0);
        String notPackets = track.trackCount() == 1 ? TrackPadder.whyNotPacketPadded(track.sourceFile()) : null;
        PadReport report = notPackets != null
                ? new PadReport(PadReport.Path.IN_MIX, null, 0, 0, 0, notPackets)
                : padder.pad(track.sourceFile(), track.paddedFile());
        log.info("Transcript {} track {}: {}", track.transcriptId(), track.index(), describe(report));
        exchange.setProperty(PAD_REPORT, report);
    }

    /** Only a padded file goes to the transcript bucket; a track mixed from its source has none. */
    public boolean hasPaddedFile(@ExchangeProperty(PAD_REPORT) PadReport report) {
        return report.path() != PadReport.Path.IN_MIX;
    }

    /** The padded file as the body to upload, with its key. */
    public void paddedUpload(Exchange exchange) {
        TrackJob track = exchange.getProperty(TRACK, TrackJob.class);
        exchange.getMessage().setHeader("CamelAwsS3Key", track.paddedKey());
        exchange.getMessage().setHeader("CamelAwsS3ContentType", "audio/webm");
        exchange.getMessage().setBody(track.paddedFile().toFile());
    }

    public TrackResult padded(@ExchangeProperty(TRACK) TrackJob track, @ExchangeProperty(PAD_REPORT) PadReport report)
            throws IOException {
        if (report.path() == PadReport.Path.IN_MIX) {
            progress.trackPadded(track.transcriptId(), track.run(), track.index(), new RunProgress.PaddedTrack(
                    null, report.path().name(), 0, null, null));
            return TrackResult.mixedFromSource(track, report);
        }
        Files.deleteIfExists(track.sourceFile());
        progress.trackPadded(track.transcriptId(), track.run(), track.index(), new RunProgress.PaddedTrack(
                report.offsetSeconds(), report.path().name(), report.gapsFilled(), report.silenceMs() / 1000,
                report.durationMs() / 1000));
        return TrackResult.padded(track, report);
    }

    static String describe(PadReport report) {
        return switch (report.path()) {
            case PACKET -> String.format(java.util.Locale.ROOT,
                    "packets copied, starts at %.3f s, %d gap(s) filled with %.1f ms of silence, %.3f s long",
                    report.offsetSeconds(), report.gapsFilled(), report.silenceMs(), report.durationMs() / 1000);
            case FFMPEG -> String.format(java.util.Locale.ROOT, "padded by ffmpeg (%s), %.3f s long",
                    report.fallbackReason(), report.durationMs() / 1000);
            case IN_MIX -> "the recording's one file, put on the meeting clock by the mix (" + report.fallbackReason() + ")";
        };
    }

    /** A track that could not be fetched or padded still reports to the aggregate, so the recording fails now. */
    public TrackResult failed(Exchange exchange) {
        TrackJob track = exchange.getProperty(TRACK, TrackJob.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = "track " + track.index() + " (" + track.key() + "): " + describe(cause);
        log.warn("Transcript {}: {}", track.transcriptId(), reason);
        return TrackResult.failed(track, reason, FailureKind.of(cause));
    }

    private static String describe(Exception cause) {
        if (cause == null) {
            return "failed";
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return cause instanceof software.amazon.awssdk.services.s3.model.NoSuchKeyException
                ? "the object does not exist in the bucket" : message;
    }
}
