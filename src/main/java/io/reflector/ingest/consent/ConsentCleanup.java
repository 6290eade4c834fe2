package io.reflector.ingest.consent;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.s3.BucketObjects;
import io.reflector.ingest.store.ConsentCleanups;

/**
 * Deletes a refused meeting's audio (spec §9.3, §12 #22, #23): every raw object of the recording in the platform's
 * bucket, and everything of the transcript in the transcript bucket (mix, waveform, padded tracks, whatever else
 * lies under {@code <transcriptId>/}). All or nothing per transcript: the flag is only set when every delete
 * succeeded, and a failure leaves it pending for the next run, which simply deletes again.
 */
@Component
public class ConsentCleanup {
    private static final Logger log = LoggerFactory.getLogger(ConsentCleanup.class);

    private final ConsentCleanups cleanups;
    private final BucketObjects objects;
    private final String transcriptBucket;

    public ConsentCleanup(ConsentCleanups cleanups, BucketObjects objects, ReflectorProperties properties) {
        this.cleanups = cleanups;
        this.objects = objects;
        this.transcriptBucket = properties.storage().transcriptBucket();
    }

    public List<String> pending() {
        return cleanups.pending();
    }

    /** Holds the transcript's row while deleting, so a reprocessing run cannot start under the cleanup's feet. */
    @Transactional
    public void clean(String transcriptId) {
        cleanups.lock(transcriptId).ifPresent(pending -> {
            objects.delete(pending.bucket(), pending.rawKeys());
            List<String> outputs = objects.list(transcriptBucket, transcriptId + "/");
            objects.delete(transcriptBucket, outputs);
            cleanups.audioDeleted(transcriptId, pending.rawKeys().size(), outputs.size());
            log.info("Consent refused: deleted {} raw objects of recording {} from s3://{} and {} objects of "
                            + "transcript {} from s3://{}", pending.rawKeys().size(), pending.recordingId(),
                    pending.bucket(), outputs.size(), transcriptId, transcriptBucket);
        });
    }
}
