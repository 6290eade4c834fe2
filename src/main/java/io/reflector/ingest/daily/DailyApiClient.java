package io.reflector.ingest.daily;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;

/** The calls of Daily's REST API we make (spec §4.5), with {@code Authorization: Bearer DAILY_API_KEY}. */
@Component
public class DailyApiClient {
    static final int PAGE_SIZE = 100;
    static final int MAX_PARTICIPANT_PAGES = 50;
    private static final Logger log = LoggerFactory.getLogger(DailyApiClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;

    public DailyApiClient(ReflectorProperties properties) {
        ReflectorProperties.Daily daily = properties.daily();
        this.baseUrl = daily.apiUrl().replaceAll("/+$", "");
        this.apiKey = daily.apiKey();
        this.timeout = daily.apiTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public boolean isConfigured() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** The meeting session of a recording, which names its participants; Daily often leaves it null. */
    public Optional<String> meetingSessionId(String recordingId) {
        JsonNode recording = get("/recordings/" + encode(recordingId)).orElseThrow(
                () -> new DailyApiException("Daily knows no recording " + recordingId));
        JsonNode session = recording.get("mtgSessionId");
        return session != null && session.isTextual() ? Optional.of(session.textValue()) : Optional.empty();
    }

    /**
     * Every participant of a meeting session, page after page ({@code joined_after} the last one seen), at most
     * {@value #MAX_PARTICIPANT_PAGES} pages: a Daily that ignored {@code joined_after} would otherwise be asked for
     * ever. A page that brings no participant not seen before also ends the listing.
     */
    public List<DailyParticipant> participants(String meetingSessionId) {
        List<DailyParticipant> all = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < MAX_PARTICIPANT_PAGES; pages++) {
            String path = "/meetings/" + encode(meetingSessionId) + "/participants?limit=" + PAGE_SIZE
                    + (after == null ? "" : "&joined_after=" + encode(after));
            Optional<JsonNode> page = get(path);
            JsonNode data = page.map(p -> p.path("data")).orElse(null);
            if (data == null || !data.isArray() || data.isEmpty()) {
                return all;
            }
            data.forEach(p -> all.add(new DailyParticipant(p.path("participant_id").asText(null),
                    p.path("user_name").asText(null), p.path("user_id").asText(null))));
            String last = all.get(all.size() - 1).participantId();
            if (data.size() < PAGE_SIZE || last == null || last.equals(after)) {
                return all;
            }
            after = last;
        }
        log.warn("Daily meeting session {}: still more participants after {} pages; the first {} are used",
                meetingSessionId, MAX_PARTICIPANT_PAGES, all.size());
        return all;
    }

    /**
     * One page of the domain's recordings, newest first (Daily's pagination: up to {@value #PAGE_SIZE}, the ones
     * created immediately after {@code endingBefore}, or the newest ones when it is null).
     */
    public List<DailyListedRecording> recordingsNewerThan(String endingBefore) {
        String path = "/recordings?limit=" + PAGE_SIZE + (endingBefore == null ? "" : "&ending_before=" + encode(endingBefore));
        JsonNode data = get(path).map(page -> page.get("data"))
                .orElseThrow(() -> new DailyApiException("GET " + path + " answered 404"));
        if (data == null || !data.isArray()) {
            throw new DailyApiException("GET " + path + " answered without a 'data' array");
        }
        List<DailyListedRecording> recordings = new ArrayList<>();
        data.forEach(recording -> recordings.add(DailyListedRecording.parse(recording)));
        return recordings;
    }

    /** Every webhook of the domain; Daily answers a plain array. */
    public List<DailyWebhook> webhooks() {
        JsonNode webhooks = get("/webhooks").orElseThrow(() -> new DailyApiException("GET /webhooks answered 404"));
        if (!webhooks.isArray()) {
            throw new DailyApiException("GET /webhooks answered " + webhooks.getNodeType() + ", not an array");
        }
        List<DailyWebhook> all = new ArrayList<>();
        webhooks.forEach(webhook -> all.add(DailyWebhook.parse(webhook)));
        return all;
    }

    /** @return the JSON answer, or empty on 404 (Daily's "nothing more" for pages) */
    private Optional<JsonNode> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new DailyApiException("GET " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new DailyApiException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DailyApiException("interrupted during GET " + path, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
