package io.reflector.ingest.transcription;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.pipeline.TrackResult;

/**
 * Reflector's GPU service (spec §8.1): it is handed a presigned URL of the padded track, whose path ends in
 * {@code .webm} (the service tells the format by the extension, spec §12 #14), and fetches the audio itself.
 */
public class ModalTranscriber implements Transcriber {
    static final String PATH = "/v1/audio/transcriptions-from-url";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TranscriptionService service;
    private final String language;
    private final PaddedTrackUrls urls;
    private final TranscriptionClient client;

    public ModalTranscriber(ReflectorProperties.Transcription settings, PaddedTrackUrls urls,
                            TranscriptionClient client) {
        this.service = TranscriptionService.of(settings);
        this.language = settings.language();
        this.urls = urls;
        this.client = client;
    }

    @Override
    public List<RecognizedWord> transcribe(TrackResult track) {
        return WordsResponse.parse(client.send(request(urls.presignedGet(track.paddedKey()))));
    }

    HttpRequest request(String audioFileUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("audio_file_url", audioFileUrl);
        body.put("language", language);
        body.put("batch", true);
        try {
            return service.request(PATH)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and a boolean is always JSON", e);
        }
    }
}
