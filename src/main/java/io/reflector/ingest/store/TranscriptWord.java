package io.reflector.ingest.store;

/** A word of a transcript as Reflector stores it (spec §5.6): times in seconds on the meeting clock, speaker = track index. */
public record TranscriptWord(String text, double start, double end, int speaker) {
}
