package io.reflector.ingest.transcription;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.pipeline.TrackResult;

/**
 * An OpenAI-compatible {@code POST /v1/audio/transcriptions} (OpenAI, and many self-hosted Whisper servers): the
 * padded track is uploaded from the work directory, and word timestamps are asked for ({@code verbose_json}).
 */
public class OpenAiTranscriber implements Transcriber {
    static final String PATH = "/v1/audio/transcriptions";

    private final TranscriptionService service;
    private final String language;
    private final String model;
    private final TranscriptionClient client;

    public OpenAiTranscriber(ReflectorProperties.Transcription settings, TranscriptionClient client) {
        this.service = TranscriptionService.of(settings);
        this.language = settings.language();
        this.model = settings.model();
        this.client = client;
    }

    @Override
    public List<RecognizedWord> transcribe(TrackResult track) {
        return WordsResponse.parse(client.send(request(Path.of(track.paddedFile()))));
    }

    HttpRequest request(Path paddedFile) {
        MultipartForm form = new MultipartForm()
                .field("model", model)
                .field("language", language)
                .field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "word");
        try {
            // the service tells the format from the file name; a recording's one file is transcribed from its MP3
            form.file("file", paddedFile, paddedFile.toString().endsWith(".mp3") ? "audio/mpeg" : "audio/webm");
        } catch (FileNotFoundException e) {
            throw new TranscriptionException("the padded track " + paddedFile + " is gone", e);
        }
        return service.request(PATH)
                .header("Content-Type", form.contentType())
                .POST(form.body())
                .build();
    }
}
