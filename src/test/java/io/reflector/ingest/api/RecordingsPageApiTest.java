package io.reflector.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.store.Platform;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.TranscriptFixtures;

/** The recordings page's door and its JSON, without a browser (RecordingsPageTest drives one). */
class RecordingsPageApiTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void thePageAsksForTheOpsLoginAndIsServedFromTheJar() {
        HttpResponse<String> anonymous = http().get("/ui/");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(http().get("/ui/", "Authorization", "Bearer " + Http.API_KEY).statusCode()).isEqualTo(401);

        HttpResponse<String> page = http().get("/ui/", "Authorization", Http.OPS_BASIC);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/ui/app.js\"");
        assertThat(http().get("/ui", "Authorization", Http.OPS_BASIC).body()).isEqualTo(page.body());
        assertThat(http().get("/ui/app.js", "Authorization", Http.OPS_BASIC).statusCode()).isEqualTo(200);
    }

    @Test
    void theListAndOneRecordingWithRoomPlatformAndParticipants() throws Exception {
        TranscriptFixtures fixtures = new TranscriptFixtures(context);
        var meeting = fixtures.meeting(null, Platform.DAILY);
        String transcriptId = fixtures.recording(meeting, "reflector-dailyco-recordings", "page/" + System.nanoTime(),
                List.of("page/a", "page/b"), List.of("page/a", "page/b")).transcriptId();
        fixtures.ended(transcriptId, "[{\"text\":\"hello \",\"start\":0.5,\"end\":0.9,\"speaker\":1}]");

        JsonNode list = JSON.readTree(http().get("/ui/api/recordings?status=ended&limit=1000", "Authorization",
                Http.OPS_BASIC).body());
        JsonNode row = null;
        for (JsonNode candidate : list.path("recordings")) {
            if (candidate.path("transcript_id").asText().equals(transcriptId)) {
                row = candidate;
            }
        }
        assertThat(row).as("the ended recording in the list").isNotNull();
        assertThat(row.path("platform").asText()).isEqualTo("daily");
        assertThat(row.path("room").asText()).isEqualTo(meeting.roomName());
        assertThat(row.path("track_count").asInt()).isEqualTo(2);
        assertThat(row.path("duration_ms").asDouble()).isEqualTo(TranscriptFixtures.DURATION_MS);
        assertThat(list.path("replay_from").isNumber()).isTrue();
        list.path("recordings").forEach(r -> assertThat(r.path("status").asText()).isEqualTo("ended"));

        JsonNode one = JSON.readTree(http().get("/ui/api/recordings/" + transcriptId, "Authorization",
                Http.OPS_BASIC).body());
        assertThat(one.path("recording").path("status").asText()).isEqualTo("ended");
        assertThat(one.path("words").get(0).path("text").asText()).isEqualTo("hello ");
        assertThat(http().get("/ui/api/recordings/nope", "Authorization", Http.OPS_BASIC).statusCode()).isEqualTo(404);
        assertThat(http().get("/ui/api/recordings?limit=0", "Authorization", Http.OPS_BASIC).statusCode()).isEqualTo(400);
    }

    /** A form on another site would carry the ops login the browser remembers; it cannot post JSON. */
    @Test
    void reprocessFromThePageTakesJsonOnly() throws Exception {
        TranscriptFixtures fixtures = new TranscriptFixtures(context);
        String transcriptId = fixtures.recording(fixtures.meeting(null, Platform.DAILY), "reflector-dailyco-recordings",
                "page/" + System.nanoTime(), List.of("page/a"), List.of("page/a")).transcriptId();
        String path = "/ui/api/transcripts/" + transcriptId + "/process";

        HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + path)).header("Authorization", Http.OPS_BASIC)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(http().postJson("/ui/api/transcripts/nope/process", "{}", "Authorization", Http.OPS_BASIC)
                .statusCode()).isEqualTo(404);
    }
}
