package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class WherebyListingCursorTest {
    private static final Instant SINCE = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aPositionReadsBackAsTheSameCursorWhateverTheKey() {
        WherebyListingCursor cursor = WherebyListingCursor.firstPass(SINCE).after("équipe \"hebdo\"+1-2026-11-25T12:00:00Z.mp4");

        assertThat(WherebyListingCursor.parse(cursor.position())).isEqualTo(cursor);
        assertThat(WherebyListingCursor.parse(cursor.nextPass().position())).isEqualTo(new WherebyListingCursor(SINCE, null));
    }

    @Test
    void aNewPassStartsFromTheFirstKeyAndKeepsWhereTheListingBegan() {
        WherebyListingCursor next = WherebyListingCursor.firstPass(SINCE).after("m").nextPass();

        assertThat(next.after()).isNull();
        assertThat(next.since()).isEqualTo(SINCE);
    }

    @Test
    void objectsWrittenBeforeTheListingBeganAreNotCovered() {
        WherebyListingCursor cursor = WherebyListingCursor.firstPass(SINCE);

        assertThat(cursor.covers(SINCE)).isTrue();
        assertThat(cursor.covers(SINCE.plusSeconds(1))).isTrue();
        assertThat(cursor.covers(SINCE.minusSeconds(1))).isFalse();
    }

    @Test
    void aPositionThisClassDidNotWriteIsRefused() {
        assertThatThrownBy(() -> WherebyListingCursor.parse("after-some-key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WherebyListingCursor.parse("{\"after\":\"k\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyMp4KeysAreRecordings() {
        assertThat(WherebyBucketListing.isRecording("room-1-2026-11-25T12:00:00Z.mp4")).isTrue();
        assertThat(WherebyBucketListing.isRecording("room-1-2026-11-25T12:00:00Z.MP4")).isTrue();
        assertThat(WherebyBucketListing.isRecording("room-1-2026-11-25T12:00:00Z.json")).isFalse();
        assertThat(WherebyBucketListing.isRecording("folder/")).isFalse();
    }
}
