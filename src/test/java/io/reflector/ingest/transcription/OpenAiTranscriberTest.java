package io.reflector.ingest.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.PadCommand;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.TestMeeting;
import io.reflector.ingest.media.TestMeetingGenerator;
import io.reflector.ingest.pipeline.RunRef;
import io.reflector.ingest.pipeline.TrackResult;
import io.reflector.ingest.support.OpenAiTranscriptionStub;
import io.reflector.ingest.support.RequestBodies;
import io.reflector.ingest.support.TranscriptionStub;

/**
 * The OpenAI-compatible backend against a real server of that contract: tracks of a generated meeting, padded by
 * the production command, are uploaded and come back as words at the markers' meeting times.
 */
class OpenAiTranscriberTest {
    private static final double MARKER_TOLERANCE_MS = 1.0;

    @TempDir
    static Path directory;
    private static final OpenAiTranscriptionStub stub = new OpenAiTranscriptionStub();
    private static TestMeeting meeting;
    private static final List<Path> padded = new ArrayList<>();

    @BeforeAll
    static void generateAndPadAMeeting() throws Exception {
        FfmpegBinaries ffmpeg = FfmpegBinaries.resolve(null);
        ProcessRunner runner = new ProcessRunner();
        meeting = new TestMeetingGenerator(ffmpeg, runner).generate(List.of(
                new TestMeetingGenerator.TrackPlan(0, 6_000, 1, List.of(), List.of(1_500, 4_000)),
                new TestMeetingGenerator.TrackPlan(700, 6_000, 2, List.of(new TestMeetingGenerator.Mute(3_000, 500)),
                        List.of(2_000, 4_600))), Files.createDirectories(directory.resolve("meeting")));
        for (TestMeeting.Track track : meeting.tracks()) {
            Path output = directory.resolve("padded_" + track.index() + ".webm");
            runner.run(PadCommand.build(ffmpeg.ffmpeg(), track.file().toString(), output), Duration.ofMinutes(1));
            padded.add(output);
        }
    }

    @AfterAll
    static void stopTheStub() {
        stub.close();
    }

    @Test
    void uploadsEachPaddedTrackAndReadsItsWordsAtTheirMeetingTimes() {
        OpenAiTranscriber transcriber = transcriber(stub.url(), TranscriptionStub.API_KEY);
        for (TestMeeting.Track track : meeting.tracks()) {
            List<RecognizedWord> words = transcriber.transcribe(track(track.index()));

            assertThat(words).as("words of track %d", track.index()).hasSameSizeAs(track.markersMs());
            for (int i = 0; i < words.size(); i++) {
                assertThat(words.get(i).text()).isEqualTo("marker" + track.index());
                assertThat(words.get(i).start() * 1000 - track.markersMs().get(i)).isCloseTo(0, within(MARKER_TOLERANCE_MS));
            }
        }
    }

    @Test
    void theRequestIsAMultipartUploadAskingForWordTimestamps() throws Exception {
        HttpRequest request = transcriber("http://whisper.local:8000/", "secret").request(padded.get(1));

        assertThat(request.uri()).isEqualTo(URI.create("http://whisper.local:8000/v1/audio/transcriptions"));
        assertThat(request.headers().firstValue("Authorization")).contains("Bearer secret");
        String contentType = request.headers().firstValue("Content-Type").orElseThrow();
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        Map<String, OpenAiTranscriptionStub.Part> parts = OpenAiTranscriptionStub.parse(RequestBodies.bytes(request),
                        contentType.substring(contentType.indexOf('=') + 1)).stream()
                .collect(Collectors.toMap(OpenAiTranscriptionStub.Part::name, Function.identity()));
        assertThat(parts.keySet()).containsExactlyInAnyOrder("model", "language", "response_format",
                "timestamp_granularities[]", "file");
        assertThat(parts.get("model").text()).isEqualTo("whisper-1");
        assertThat(parts.get("language").text()).isEqualTo("en");
        assertThat(parts.get("response_format").text()).isEqualTo("verbose_json");
        assertThat(parts.get("timestamp_granularities[]").text()).isEqualTo("word");
        assertThat(parts.get("file").filename()).isEqualTo("padded_1.webm");
        assertThat(parts.get("file").content()).isEqualTo(Files.readAllBytes(padded.get(1)));
    }

    @Test
    void overloadOutagesAndUnreachableServicesAreWorthRetryingOtherRefusalsAreNot() throws Exception {
        stub.failFirst("padded_0.webm"::equals, 503, 429);
        OpenAiTranscriber transcriber = transcriber(stub.url(), TranscriptionStub.API_KEY);

        assertThatThrownBy(() -> transcriber.transcribe(track(0))).isInstanceOf(RetryableTranscriptionException.class)
                .hasMessageStartingWith("HTTP 503 from POST " + stub.url() + "/v1/audio/transcriptions");
        assertThatThrownBy(() -> transcriber.transcribe(track(0))).isInstanceOf(RetryableTranscriptionException.class)
                .hasMessageStartingWith("HTTP 429");
        assertThat(transcriber.transcribe(track(0))).hasSize(2);

        assertThatThrownBy(() -> transcriber(stub.url(), "wrong").transcribe(track(0)))
                .isInstanceOf(TranscriptionException.class).isNotInstanceOf(RetryableTranscriptionException.class)
                .hasMessageStartingWith("HTTP 401");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> transcriber("http://127.0.0.1:" + closedPort, "k").transcribe(track(0)))
                .isInstanceOf(RetryableTranscriptionException.class);
    }

    private static TrackResult track(int index) {
        return new TrackResult(new RunRef("t1", 1, "r1", "bucket"), index, meeting.tracks().size(), directory.toString(),
                padded.get(index).toString(), "t1/tracks/padded_" + index + ".webm", true, "PACKET", 0.0, 0, null, null);
    }

    private static OpenAiTranscriber transcriber(String url, String key) {
        return new OpenAiTranscriber(new ReflectorProperties.Transcription(ReflectorProperties.Transcription.Backend.OPENAI,
                url, key, Duration.ofSeconds(60), "en", "whisper-1", 4, Duration.ofHours(2), 4, Duration.ofMillis(50)),
                new TranscriptionClient());
    }
}
