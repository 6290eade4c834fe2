package io.reflector.ingest.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.events.RunProgress;
import io.reflector.ingest.media.AudioSummary;
import io.reflector.ingest.media.MixCommand;
import io.reflector.ingest.media.Mixer;
import io.reflector.ingest.store.TranscriptStates;

/**
 * The steps after a recording's tracks are all in: check that every track made it, mix, measure, store, and in
 * every outcome (after transcription) leave no temp file behind, locally or in the transcript bucket.
 */
@Component
public class Mixdown {
    /** The run as far as the mixdown has got, read by this class only: the S3 uploads take the body on the way. */
    private static final String MIXING = "mixing";
    private static final Logger log = LoggerFactory.getLogger(Mixdown.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mixer mixer;
    private final TranscriptStates transcripts;
    private final RunProgress progress;

    public Mixdown(Mixer mixer, TranscriptStates transcripts, RunProgress progress) {
        this.mixer = mixer;
        this.progress = progress;
        this.transcripts = transcripts;
    }

    /**
     * Where a run's mixdown stands.
     *
     * @param tracks     the run's track results in index order; once mixed, each naming what to transcribe
     * @param superseded the run is no longer the transcript's current one: it must not touch the newer run's objects
     * @param summary    the mixed audio's duration and waveform; null until mixed
     */
    private record Mixing(List<TrackResult> tracks, boolean superseded, AudioSummary summary) {
        RunRef ref() {
            return tracks.get(0).ref();
        }

        String workDir() {
            return tracks.get(0).workDir();
        }
    }

    /**
     * Refuses to mix anything partial: a failed track, or a track that did not report, fail the
     * recording with the reason. Then one ffmpeg pass writes the MP3 and measures it (duration, waveform).
     */
    public void mix(List<TrackResult> tracks, Exchange exchange) {
        List<TrackResult> ordered = tracks.stream().sorted(Comparator.comparingInt(TrackResult::index)).toList();
        TrackResult first = ordered.get(0);
        exchange.setProperty(MIXING, new Mixing(ordered, false, null));
        if (!transcripts.isCurrentRun(first.transcriptId(), first.run())) {
            // a run given up for lost, completing late: the outputs and padded tracks now belong to a newer run
            exchange.setProperty(MIXING, new Mixing(ordered, true, null));
            throw new PipelineFailure("run " + first.run() + " is no longer the transcript's current run");
        }
        String failures = ordered.stream().filter(TrackResult::failedTrack).map(TrackResult::failure)
                .collect(Collectors.joining("; "));
        if (!failures.isEmpty()) {
            throw new PipelineFailure("not mixed, a track failed: " + failures, FailureKind.worst(ordered.stream()
                    .filter(TrackResult::failedTrack).map(TrackResult::failureKind).toList()));
        }
        if (ordered.size() < first.trackCount()) {
            throw new PipelineFailure("not mixed: only " + ordered.size() + " of " + first.trackCount()
                    + " tracks reported");
        }
        List<MixCommand.Input> inputs = ordered.stream()
                .map(track -> new MixCommand.Input(Path.of(track.paddedFile()), track.onMeetingClock())).toList();
        Path mp3 = mixFile(first.workDir());
        double expectedSeconds = ordered.stream().mapToDouble(TrackResult::durationSeconds).max().orElse(0);
        progress.mixProgress(first.transcriptId(), first.run(), 0);
        AudioSummary summary = mixer.mix(inputs, mp3, seconds -> {
            log.info("Transcript {}: {} s mixed", first.transcriptId(), seconds);
            if (expectedSeconds > 0) {
                progress.mixProgress(first.transcriptId(), first.run(), (int) Math.min(99, 100 * seconds / expectedSeconds));
            }
        });
        progress.mixProgress(first.transcriptId(), first.run(), 100);
        exchange.setProperty(MIXING, new Mixing(ordered.stream()
                .map(track -> track.transcribedFrom(mp3.toString(), audioKey(first.transcriptId()))).toList(),
                false, summary));
    }

    public void mp3Upload(Exchange exchange) {
        Mixing mixing = mixing(exchange);
        exchange.getMessage().setHeader("CamelAwsS3Key", audioKey(mixing.ref().transcriptId()));
        exchange.getMessage().setHeader("CamelAwsS3ContentType", "audio/mpeg");
        exchange.getMessage().setBody(mixFile(mixing.workDir()).toFile());
    }

    public void waveformUpload(Exchange exchange) throws IOException {
        Mixing mixing = mixing(exchange);
        exchange.getMessage().setHeader("CamelAwsS3Key", waveformKey(mixing.ref().transcriptId()));
        exchange.getMessage().setHeader("CamelAwsS3ContentType", "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsBytes(mixing.summary().waveform()));
    }

    /** The audio outputs go on the transcript; the run goes on with transcription, of the tracks it hands over. */
    public StoredAudio audioStored(Exchange exchange) {
        Mixing mixing = mixing(exchange);
        String transcriptId = mixing.ref().transcriptId();
        int run = mixing.ref().run();
        AudioSummary summary = mixing.summary();
        if (!transcripts.audioStored(transcriptId, run, summary.durationMs(), summary.waveform(),
                audioKey(transcriptId), waveformKey(transcriptId))) {
            throw new PipelineFailure("run " + run + " is no longer the transcript's current run");
        }
        log.info("Transcript {}: {} ms of mixed audio stored", transcriptId, Math.round(summary.durationMs()));
        return new StoredAudio(mixing.ref(), mixing.tracks());
    }

    public void failed(Exchange exchange) {
        RunRef ref = mixing(exchange).ref();
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = PipelineFailure.reason(cause);
        log.warn("Transcript {} failed: {}", ref.transcriptId(), reason);
        transcripts.failed(ref.transcriptId(), ref.run(), reason, FailureKind.of(cause).permanent());
    }

    /**
     * The keys of every padded track the recording may have in the transcript bucket, also of a track that failed
     * after its upload or was still missing (deleting a key that does not exist is no error); none for a superseded
     * run, whose keys are now a newer run's (superseded before the mix, or while it was transcribing).
     */
    public List<String> paddedKeys(Exchange exchange) {
        Mixing mixing = mixing(exchange);
        if (mixing.superseded()) {
            return List.of();
        }
        TrackResult first = mixing.tracks().get(0);
        if (transcripts.hasNewerRun(first.transcriptId(), first.run())) {
            log.warn("Transcript {}: run {} was superseded; the padded tracks are left to the newer run",
                    first.transcriptId(), first.run());
            return List.of();
        }
        return IntStream.range(0, first.trackCount())
                .mapToObj(index -> TrackJob.paddedKey(first.transcriptId(), index)).toList();
    }

    /** The work directory goes in every outcome, once transcription no longer needs the padded files. */
    public void cleanUp(Exchange exchange) {
        Mixing mixing = mixing(exchange);
        if (mixing != null) {
            WorkDirectories.delete(Path.of(mixing.workDir()));
        }
    }

    private static Mixing mixing(Exchange exchange) {
        return exchange.getProperty(MIXING, Mixing.class);
    }

    static String audioKey(String transcriptId) {
        return transcriptId + "/audio.mp3";
    }

    static String waveformKey(String transcriptId) {
        return transcriptId + "/waveform.json";
    }

    private static Path mixFile(String workDir) {
        return Path.of(workDir).resolve("audio.mp3");
    }
}
