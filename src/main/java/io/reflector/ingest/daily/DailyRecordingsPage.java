package io.reflector.ingest.daily;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one page of {@code GET /recordings} means for the poller. Daily lists newest first; the page is read oldest
 * to newest, and the cursor may move over settled recordings only: a recording still in progress holds it, so the
 * next poll reads that recording again and ingests it once it is finished.
 *
 * @param ingestible finished raw-tracks recordings with audio, oldest first, whether known to us or not
 * @param cursor     the newest recording the cursor may move to, null to leave it where it is
 * @param held       whether a recording in progress stopped the cursor on this page (or before it)
 * @param givenUp    recordings in progress for longer than the limit, passed over
 * @param silent     finished recordings with tracks but no audio among them, passed over
 */
public record DailyRecordingsPage(List<DailyListedRecording> ingestible, String cursor, boolean held,
                                  List<DailyListedRecording> givenUp, List<DailyListedRecording> silent) {

    /**
     * @param newestFirst the page as Daily answered it
     * @param held        whether an earlier page of the same poll already stopped the cursor
     */
    public static DailyRecordingsPage read(List<DailyListedRecording> newestFirst, boolean held, Instant now,
                                           Duration inProgressLimit) {
        List<DailyListedRecording> ingestible = new ArrayList<>();
        List<DailyListedRecording> givenUp = new ArrayList<>();
        List<DailyListedRecording> silent = new ArrayList<>();
        String cursor = null;
        boolean stopped = held;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            DailyListedRecording recording = newestFirst.get(i);
            if (!recording.isSettled(now, inProgressLimit)) {
                stopped = true;
            } else if (recording.isGivenUp(now, inProgressLimit)) {
                givenUp.add(recording);
            } else if (recording.isIngestible()) {
                ingestible.add(recording);
            } else if (recording.isSilentRawTracks()) {
                silent.add(recording);
            }
            if (!stopped) {
                cursor = recording.id();
            }
        }
        return new DailyRecordingsPage(List.copyOf(ingestible), cursor, stopped, List.copyOf(givenUp),
                List.copyOf(silent));
    }
}
