package io.reflector.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.ConsentCleanups;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.TranscriptFixtures;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The mix and waveform over HTTP, from the embedded transcript bucket, as a seeking player asks for them. */
class AudioEndpointsTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    @Autowired
    ApplicationContext context;
    @Autowired
    S3Client s3;
    @Autowired
    ReflectorProperties properties;
    @Autowired
    ConsentCleanups consentCleanups;
    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theWholeMixWithItsLengthAndThatItCanBeSeekedIn() throws Exception {
        Mix mix = storedMix();
        HttpResponse<byte[]> whole = get(mix.path(), "GET");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(whole.body()).isEqualTo(mix.bytes());
    }

    @Test
    void aRangeIsAnsweredWith206AndExactlyItsBytes() throws Exception {
        Mix mix = storedMix();

        HttpResponse<byte[]> middle = get(mix.path(), "GET", "Range", "bytes=1000000-1999999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000000-1999999/" + SIZE);
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(1_000_000);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(mix.bytes(), 1_000_000, 2_000_000));

        HttpResponse<byte[]> tail = get(mix.path(), "GET", "Range", "bytes=-10");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes " + (SIZE - 10) + "-" + (SIZE - 1) + "/" + SIZE);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(mix.bytes(), SIZE - 10, SIZE));

        HttpResponse<byte[]> pastTheEnd = get(mix.path(), "GET", "Range", "bytes=" + SIZE + "-");
        assertThat(pastTheEnd.statusCode()).isEqualTo(416);
        assertThat(pastTheEnd.headers().firstValue("Content-Range")).hasValue("bytes */" + SIZE);
    }

    @Test
    void headAnswersTheHeadersOnly() throws Exception {
        Mix mix = storedMix();
        HttpResponse<byte[]> head = get(mix.path(), "HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(head.body()).isEmpty();

        HttpResponse<byte[]> range = get(mix.path(), "HEAD", "Range", "bytes=0-9");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValueAsLong("Content-Length")).hasValue(10);
    }

    @Test
    void theWaveformIsItsPeaks() throws Exception {
        Mix mix = storedMix();
        HttpResponse<byte[]> waveform = get("/v1/transcripts/" + mix.transcriptId() + "/audio/waveform", "GET");
        assertThat(waveform.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(waveform.body()).toString()).isEqualTo("{\"data\":[0.25,1.0]}");
    }

    @Test
    void deletedAudioAndUnknownTranscriptsAre404InJsonWhateverThePlayerAccepts() throws Exception {
        Mix mix = storedMix();
        consentCleanups.audioDeleted(mix.transcriptId(), 1, 3);

        HttpResponse<byte[]> deleted = get(mix.path(), "GET", "Accept", "audio/mpeg");
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(deleted.body()).path("message").asText())
                .isEqualTo("audio (deleted) of transcript " + mix.transcriptId() + " not found");
        assertThat(get("/v1/transcripts/nothing-here/audio/mp3", "GET", "Accept", "audio/mpeg").statusCode())
                .isEqualTo(404);
        assertThat(get("/v1/transcripts/nothing-here/audio/waveform", "GET").statusCode()).isEqualTo(404);
    }

    @Test
    void theApiWantsItsKeyAndThePagesTwinTheOpsLogin() throws Exception {
        Mix mix = storedMix();
        assertThat(send(mix.path(), "GET").statusCode()).isEqualTo(401);
        String page = "/ui/api/transcripts/" + mix.transcriptId() + "/audio/mp3";
        assertThat(send(page, "GET", "Authorization", "Bearer " + Http.API_KEY).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> ops = send(page, "GET", "Authorization", Http.OPS_BASIC, "Range", "bytes=0-0");
        assertThat(ops.statusCode()).isEqualTo(206);
        assertThat(ops.body()).containsExactly(mix.bytes()[0]);
    }

    private record Mix(String transcriptId, byte[] bytes) {
        String path() {
            return "/v1/transcripts/" + transcriptId + "/audio/mp3";
        }
    }

    /** An ended transcript whose audio key holds a few MB of known bytes (the endpoint does not decode them). */
    private Mix storedMix() {
        TranscriptFixtures fixtures = new TranscriptFixtures(context);
        String transcriptId = fixtures.recording(fixtures.meeting(null, Platform.DAILY), properties.storage().dailyBucket(),
                "audio/" + System.nanoTime(), List.of("audio/track"), List.of("audio/track")).transcriptId();
        fixtures.ended(transcriptId);
        byte[] bytes = new byte[SIZE];
        new Random(transcriptId.hashCode()).nextBytes(bytes);
        s3.putObject(put -> put.bucket(properties.storage().transcriptBucket()).key(transcriptId + "/audio.mp3"),
                RequestBody.fromBytes(bytes));
        return new Mix(transcriptId, bytes);
    }

    private HttpResponse<byte[]> get(String path, String method, String... headers) throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = "Bearer " + Http.API_KEY;
        return send(path, method, all);
    }

    private HttpResponse<byte[]> send(String path, String method, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
