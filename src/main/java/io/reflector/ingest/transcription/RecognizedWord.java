package io.reflector.ingest.transcription;

/** A word as the transcription service returns it for one track: times in seconds from the start of the file. */
public record RecognizedWord(String text, double start, double end) {
}
