package io.reflector.ingest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.exec.ExecResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.events.RunProgress;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.PadCommand;
import io.reflector.ingest.media.StartTimeProbe;
import io.reflector.ingest.store.TranscriptStates;

/** The per-track steps of the multitrack route: split, save the fetched object, probe, pad, report. */
@Component
public class TrackProcessing {
    public static final String TRACK = "track";
    public static final String OFFSET = "trackOffsetSeconds";
    private static final Logger log = LoggerFactory.getLogger(TrackProcessing.class);

    private final Path workRoot;
    private final FfmpegBinaries ffmpeg;
    private final StartTimeProbe probe;
    private final Duration commandTimeout;
    private final TranscriptStates transcripts;
    private final RunProgress progress;

    public TrackProcessing(ReflectorProperties properties, FfmpegBinaries ffmpeg, StartTimeProbe probe,
                           TranscriptStates transcripts, RunProgress progress) {
        this.transcripts = transcripts;
        this.progress = progress;
        this.workRoot = properties.dataDir().resolve("work");
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.commandTimeout = properties.pipeline().commandTimeout();
    }

    /** A run that cannot even start (no work directory) ends in error at once, instead of holding its lease. */
    public List<TrackJob> split(MultitrackJob job) {
        Path workDir;
        try {
            workDir = Files.createDirectories(workRoot.resolve(job.transcriptId() + "-run-" + job.run()));
        } catch (IOException e) {
            transcripts.failed(job.transcriptId(), job.run(), "no work directory for the run: " + e);
            return List.of();
        }
        return IntStream.range(0, job.trackKeys().size())
                .mapToObj(i -> new TrackJob(job.transcriptId(), job.run(), job.recordingId(), job.bucket(), job.trackKeys().get(i),
                        i, job.trackKeys().size(), workDir))
                .toList();
    }

    /** Streams the fetched object to disk and closes the S3 stream, whatever happens. */
    public void saveSource(InputStream object, @ExchangeProperty(TRACK) TrackJob track) throws IOException {
        try (object) {
            Files.copy(progress.fetching(object, track.transcriptId(), track.run(), track.index()), track.sourceFile(),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void padCommand(Exchange exchange) {
        TrackJob track = exchange.getProperty(TRACK, TrackJob.class);
        double offset = probe.startTimeSeconds(track.sourceFile().toString());
        log.info("Track {} of transcript {} starts at {} s on the meeting clock", track.index(), track.transcriptId(),
                String.format("%.3f", offset));
        exchange.setProperty(OFFSET, offset);
        progress.trackPadding(track.transcriptId(), track.run(), track.index(), 0);
        FfmpegExec.prepare(exchange.getMessage(), PadCommand.build(ffmpeg.ffmpeg(), track.sourceFile().toString(),
                track.paddedFile()), commandTimeout);
    }

    public void checkCommand(ExecResult result) {
        FfmpegExec.check(result);
    }

    /** The padded file as the body to upload, with its key. */
    public void paddedUpload(Exchange exchange) {
        TrackJob track = exchange.getProperty(TRACK, TrackJob.class);
        exchange.getMessage().setHeader("CamelAwsS3Key", track.paddedKey());
        exchange.getMessage().setHeader("CamelAwsS3ContentType", "audio/webm");
        exchange.getMessage().setBody(track.paddedFile().toFile());
    }

    public TrackResult padded(@ExchangeProperty(TRACK) TrackJob track, @ExchangeProperty(OFFSET) double offset)
            throws IOException {
        Files.deleteIfExists(track.sourceFile());
        progress.trackPadded(track.transcriptId(), track.run(), track.index(), new RunProgress.PaddedTrack(offset, null, null));
        return TrackResult.padded(track, offset);
    }

    /** A track that could not be fetched or padded still reports to the aggregate, so the recording fails now. */
    public TrackResult failed(Exchange exchange) {
        TrackJob track = exchange.getProperty(TRACK, TrackJob.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = "track " + track.index() + " (" + track.key() + "): " + describe(cause);
        log.warn("Transcript {}: {}", track.transcriptId(), reason);
        return TrackResult.failed(track, reason);
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
