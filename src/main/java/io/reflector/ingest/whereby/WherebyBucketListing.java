package io.reflector.ingest.whereby;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.s3.BucketObjects;
import io.reflector.ingest.s3.BucketPage;
import io.reflector.ingest.store.PollCursors;
import io.reflector.ingest.store.RecordingRepository;

/**
 * The backstop for Whereby notifications that never arrive or end in the dead-letter queue (spec 3.5): lists the
 * Whereby bucket and ingests every MP4 without a recording exactly as its notification would have, with the same
 * recording id, so a late notification finds the recording and starts nothing.
 * <p>
 * The listing is a rolling scan of the whole bucket (see {@link WherebyListingCursor} for why a forward-only key
 * cursor would miss recordings), at most {@code maxPages} pages per tick; the cursor is moved after each page, once
 * its recordings are registered, so a crash lists that page again and skips nothing. An object younger than the
 * grace is left to its notification, which is normally seconds behind; the next pass sees it. The first pass ever starts
 * its {@code since} a little before now: recordings older than the listing are not its business.
 */
@Component
public class WherebyBucketListing {
    static final String CURSOR = "whereby-bucket-listing";
    /** S3's largest page. */
    static final int PAGE_SIZE = 1000;
    /** Covers a clock of S3 slightly behind ours around the first listing. */
    static final Duration FIRST_PASS_MARGIN = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(WherebyBucketListing.class);

    private final BucketObjects objects;
    private final RecordingRepository recordings;
    private final PollCursors cursors;
    private final WherebyRecordingIntake intake;
    private final Clock clock;
    private final String bucket;
    private final int maxPages;
    private final Duration grace;

    WherebyBucketListing(BucketObjects objects, RecordingRepository recordings, PollCursors cursors,
                         WherebyRecordingIntake intake, Clock clock, ReflectorProperties properties,
                         @Value("${reflector.whereby.listing-pages:10}") int maxPages,
                         @Value("${reflector.whereby.listing-grace:2m}") Duration grace) {
        this.objects = objects;
        this.recordings = recordings;
        this.cursors = cursors;
        this.intake = intake;
        this.clock = clock;
        this.bucket = properties.storage().wherebyBucket();
        this.maxPages = maxPages;
        this.grace = grace;
    }

    /**
     * @return how many recordings were found and their first runs queued; a failing page ends the tick with what
     *         the pages before it found, and the next tick lists that page again
     */
    @Handler
    public int list() {
        WherebyListingCursor cursor = cursors.position(CURSOR).map(WherebyListingCursor::parse)
                .orElseGet(() -> WherebyListingCursor.firstPass(clock.instant().minus(FIRST_PASS_MARGIN)));
        int found = 0;
        try {
            for (int pages = 0; pages < maxPages; pages++) {
                BucketPage page = objects.page(bucket, cursor.after(), PAGE_SIZE);
                found += ingestUnrecorded(page, cursor);
                cursor = page.truncated() ? cursor.after(page.lastKey()) : cursor.nextPass();
                cursors.move(CURSOR, cursor.position());
                if (!page.truncated()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Listing s3://{} stopped after {} recording(s) found; the next listing goes on from {}: {}",
                    bucket, found, cursor.after() == null ? "the first key" : cursor.after(), e.toString());
        }
        return found;
    }

    private int ingestUnrecorded(BucketPage page, WherebyListingCursor cursor) {
        // younger objects are left to the notification on its way; the next pass looks at them again
        Instant settled = clock.instant().minus(grace);
        List<BucketPage.ListedObject> candidates = page.objects().stream()
                .filter(object -> isRecording(object.key()) && cursor.covers(object.lastModified())
                        && !object.lastModified().isAfter(settled)).toList();
        Set<String> recorded = recordings.recordedKeys(bucket,
                candidates.stream().map(BucketPage.ListedObject::key).toList());
        int found = 0;
        for (BucketPage.ListedObject object : candidates) {
            if (!recorded.contains(object.key())) {
                log.warn("s3://{}/{} (written {}) has no recording: its notification never arrived; ingested now",
                        bucket, object.key(), object.lastModified());
                // the same registration, claim and queued run a notification gets
                if (intake.ingest(bucket, object.key(), object.lastModified())) {
                    found++;
                }
            }
        }
        return found;
    }

    /** Whereby uploads its recordings as MP4 (spec 3.2); anything else in the bucket is not one. */
    static boolean isRecording(String key) {
        return key.toLowerCase(Locale.ROOT).endsWith(".mp4");
    }
}
