package io.reflector.ingest.transcription;

import java.util.List;

import io.reflector.ingest.pipeline.TrackResult;

/** Turns one padded track into its words, by one of the configured backends. */
public interface Transcriber {

    /**
     * @throws RetryableTranscriptionException when another attempt may succeed
     * @throws TranscriptionException          when it will not
     */
    List<RecognizedWord> transcribe(TrackResult track);
}
