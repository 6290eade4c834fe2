package io.reflector.ingest.whereby;

/**
 * How many clients a Whereby meeting has after one joined or left.
 *
 * @param meetingId  Whereby's meetingId, which Reflector stores as {@code meeting.id}
 * @param numClients Whereby's own absolute count, so a lost or repeated event cannot make it drift
 */
public record MeetingClientCount(String meetingId, int numClients) {
}
