package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

class DailyTracksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "monadical/daily-20251020193458/1760988935484-";
    private static final String ALICE = "52f7f48b-fbab-431f-9a50-87b9abfc8255";
    private static final String BOB = "0c9e2f3a-1111-4222-8333-944455556666";

    private static String key(String participant, String kind, long trackStart) {
        return PREFIX + participant + "-" + kind + "-" + trackStart;
    }

    @Test
    void keepsOnlyMicrophoneAudioInPayloadOrderAndListsEveryKey() throws Exception {
        String bobAudio = key(BOB, "cam-audio", 1760988936100L);
        String aliceVideo = key(ALICE, "cam-video", 1760988935922L);
        String aliceAudio = key(ALICE, "cam-audio", 1760988935922L);
        String aliceScreenAudio = key(ALICE, "screen-audio", 1760988940000L);
        String aliceScreenVideo = key(ALICE, "screen-video", 1760988940000L);

        DailyTracks tracks = DailyTracks.fromPayloadTracks(tracksJson(
                track("audio", bobAudio), track("video", aliceVideo), track("audio", aliceAudio),
                track("audio", aliceScreenAudio), track("video", aliceScreenVideo)));

        assertThat(tracks.microphoneAudioKeys()).containsExactly(bobAudio, aliceAudio);
        assertThat(tracks.allKeys()).containsExactly(bobAudio, aliceVideo, aliceAudio, aliceScreenAudio, aliceScreenVideo);
        assertThat(tracks.unrecognisedKeys()).isEmpty();
    }

    @Test
    void keysOutsideTheTrackLayoutAreReportedAndNeverTreatedAsAudio() throws Exception {
        String audio = key(ALICE, "cam-audio", 1760988935922L);
        String oddlyNamed = "monadical/daily-20251020193458/recording-cam-audio.webm";

        DailyTracks tracks = DailyTracks.fromPayloadTracks(tracksJson(track("audio", oddlyNamed), track("audio", audio)));

        assertThat(tracks.microphoneAudioKeys()).containsExactly(audio);
        assertThat(tracks.allKeys()).containsExactly(oddlyNamed, audio);
        assertThat(tracks.unrecognisedKeys()).containsExactly(oddlyNamed);
    }

    @Test
    void nullOrMissingTracksYieldNoKeys() {
        assertThat(DailyTracks.fromPayloadTracks(null).allKeys()).isEmpty();
        assertThat(DailyTracks.fromPayloadTracks(NullNode.getInstance()).allKeys()).isEmpty();
        assertThat(DailyTracks.fromPayloadTracks(JsonNodeFactory.instance.objectNode().path("tracks")).allKeys())
                .isEmpty();
        assertThat(DailyTracks.fromPayloadTracks(JsonNodeFactory.instance.arrayNode()).microphoneAudioKeys()).isEmpty();
    }

    @Test
    void theListsCannotBeModified() throws Exception {
        DailyTracks tracks = DailyTracks.fromPayloadTracks(tracksJson(track("audio", key(ALICE, "cam-audio", 1760988935922L))));

        assertThatThrownBy(() -> tracks.allKeys().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "monadical/../other-bucket-prefix/1760988935484-x  | it contains a '..' segment",
            "..                                                | it contains a '..' segment",
            "monadical/room/..                                 | it contains a '..' segment",
            "s3://other-bucket/monadical/room/track            | it is a URL",
            "https://evil.example/track                        | it is a URL",
            "/etc/passwd                                       | it is an absolute path",
            "monadical\\room\\track                            | it contains a backslash"})
    void rejectsKeysThatCouldLeaveTheBucketNamespace(String unsafeKey, String reason) throws Exception {
        String safe = key(ALICE, "cam-audio", 1760988935922L);
        JsonNode tracks = tracksJson(track("audio", safe), track("audio", unsafeKey));

        assertThatThrownBy(() -> DailyTracks.fromPayloadTracks(tracks))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessage("Daily payload tracks[1].s3Key '" + unsafeKey + "' is unsafe: " + reason);
    }

    @Test
    void rejectsAnEmptyKey() throws Exception {
        assertThatThrownBy(() -> DailyTracks.fromPayloadTracks(tracksJson(track("audio", ""))))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessage("Daily payload tracks[0].s3Key '' is unsafe: it is empty");
    }

    @Test
    void rejectsControlCharactersAndShowsThemEscaped() throws Exception {
        String withNewline = "monadical/room/track\nINFO forged log line";

        assertThatThrownBy(() -> DailyTracks.fromPayloadTracks(tracksJson(track("audio", withNewline))))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessage("Daily payload tracks[0].s3Key 'monadical/room/track\\u000aINFO forged log line' "
                        + "is unsafe: it contains a control character");
    }

    @Test
    void dotsInsideSegmentsAreNotTraversal() throws Exception {
        String key = "monadical/room..v2/" + "1760988935484-" + ALICE + "-cam-audio-1760988935922";

        assertThat(DailyTracks.fromPayloadTracks(tracksJson(track("audio", key))).microphoneAudioKeys()).containsExactly(key);
    }

    @Test
    void rejectsMalformedTrackEntriesNamingTheElement() throws Exception {
        assertThatThrownBy(() -> DailyTracks.fromPayloadTracks(JSON.readTree("[{\"type\":\"audio\",\"size\":1}]")))
                .isInstanceOf(InvalidDailyEventException.class)
                .hasMessage("Daily payload tracks[0] has no string 's3Key'");
        assertThatThrownBy(() -> DailyTracks.fromPayloadTracks(JSON.readTree("[{\"s3Key\":42}]")))
                .hasMessage("Daily payload tracks[0] has no string 's3Key'");
        assertThatThrownBy(() -> DailyTracks.fromPayloadTracks(JSON.readTree("[\"a/b/c\"]")))
                .hasMessage("Daily payload tracks[0] must be an object with an s3Key");
        assertThatThrownBy(() -> DailyTracks.fromPayloadTracks(JSON.readTree("{\"s3Key\":\"a/b/c\"}")))
                .hasMessage("Daily payload 'tracks' must be an array, got object");
    }

    private static JsonNode track(String type, String s3Key) {
        return JsonNodeFactory.instance.objectNode().put("type", type).put("s3Key", s3Key).put("size", 1234);
    }

    private static JsonNode tracksJson(JsonNode... tracks) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        List.of(tracks).forEach(array::add);
        return array;
    }
}
