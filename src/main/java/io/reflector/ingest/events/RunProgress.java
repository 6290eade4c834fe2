package io.reflector.ingest.events;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * How a run tells the live event stream where it stands, beside the events of {@code transcript.events}: per track
 * (counted from 0, as speakers are) fetched, padding, padded and transcribed, and the mix. Percentages are whole
 * numbers 0..100; a long step may report as often as it likes: at most one event per step and track is published
 * per {@code reflector.events.progress-interval}, plus the 100.
 * <p>
 * Progress is for watching only: a failure to publish it is logged and never fails or slows down the run beyond
 * one insert. The events, their {@code event} name and {@code data}:
 * <ul>
 *   <li>{@code TRACK_FETCH} {@code {track, percent}}: the track's object is being copied from the bucket;</li>
 *   <li>{@code TRACK_PAD} {@code {track, percent}}: the track is being padded onto the meeting clock;</li>
 *   <li>{@code TRACK_PADDED} {@code {track, offset_seconds, gaps_filled_seconds, duration_seconds}}, the last two
 *       null when the padding step does not know them;</li>
 *   <li>{@code MIX} {@code {percent}}: the padded tracks are being mixed into the MP3;</li>
 *   <li>{@code TRACK_TRANSCRIBED} {@code {track, words}}.</li>
 * </ul>
 */
@Component
public class RunProgress {
    public static final String TRACK_FETCH = "TRACK_FETCH";
    public static final String TRACK_PAD = "TRACK_PAD";
    public static final String TRACK_PADDED = "TRACK_PADDED";
    public static final String MIX = "MIX";
    public static final String TRACK_TRANSCRIBED = "TRACK_TRANSCRIBED";
    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);

    /**
     * What the padding step learnt about a track.
     *
     * @param offsetSeconds      where the track starts on the meeting clock; null when unknown
     * @param path               how it was padded: PACKET (Opus packets copied), FFMPEG or IN_MIX (by the mix)
     * @param gapsFilled         timestamp jumps filled with silence
     * @param gapsFilledSeconds  silence inserted where packets were missing; null when unknown
     * @param durationSeconds    length of the padded track; null when unknown
     */
    public record PaddedTrack(Double offsetSeconds, String path, int gapsFilled, Double gapsFilledSeconds,
                              Double durationSeconds) {
    }

    private final EventLog events;
    private final ProgressThrottle throttle;

    RunProgress(EventLog events, Clock clock, EventsProperties properties) {
        this.events = events;
        this.throttle = new ProgressThrottle(clock, properties.progressInterval());
    }

    /**
     * The object's stream, counting what is read from it into {@link #trackFetched}: wrap the S3 stream with it
     * where it is copied to disk. The total comes from the S3 response; a stream without one reports 100 at its end.
     */
    public InputStream fetching(InputStream object, String transcriptId, int run, int track) {
        long total = object instanceof ResponseInputStream<?> response
                && response.response() instanceof GetObjectResponse get && get.contentLength() != null
                ? get.contentLength() : -1;
        return new FilterInputStream(object) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                counted(b < 0 ? -1 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                counted(n);
                return n;
            }

            private void counted(int n) {
                if (n < 0) {
                    trackFetched(transcriptId, run, track, 100);
                } else if (total > 0) {
                    read += n;
                    trackFetched(transcriptId, run, track, (int) Math.min(99, read * 100 / total));
                }
            }
        };
    }

    public void trackFetched(String transcriptId, int run, int track, int percent) {
        trackPercent(TRACK_FETCH, transcriptId, run, track, percent);
    }

    public void trackPadding(String transcriptId, int run, int track, int percent) {
        trackPercent(TRACK_PAD, transcriptId, run, track, percent);
    }

    public void trackPadded(String transcriptId, int run, int track, PaddedTrack padded) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("track", track);
        data.put("offset_seconds", padded.offsetSeconds());
        data.put("path", padded.path());
        data.put("gaps_filled", padded.gapsFilled());
        data.put("gaps_filled_seconds", padded.gapsFilledSeconds());
        data.put("duration_seconds", padded.durationSeconds());
        publish(transcriptId, run, TRACK_PADDED, data);
    }

    public void mixProgress(String transcriptId, int run, int percent) {
        if (throttle.shouldReport(transcriptId + "/" + run + "/" + MIX, percent)) {
            publish(transcriptId, run, MIX, Map.of("percent", Math.min(100, percent)));
        }
    }

    public void trackTranscribed(String transcriptId, int run, int track, int words) {
        publish(transcriptId, run, TRACK_TRANSCRIBED, Map.of("track", track, "words", words));
    }

    private void trackPercent(String event, String transcriptId, int run, int track, int percent) {
        if (throttle.shouldReport(transcriptId + "/" + run + "/" + event + "/" + track, percent)) {
            publish(transcriptId, run, event, Map.of("track", track, "percent", Math.min(100, percent)));
        }
    }

    private void publish(String transcriptId, int run, String event, Map<String, Object> data) {
        try {
            events.publish(transcriptId, run, event, data);
        } catch (DataAccessException e) {
            log.warn("Transcript {}: progress event {} {} not published: {}", transcriptId, event, data, e.getMessage());
        }
    }
}
