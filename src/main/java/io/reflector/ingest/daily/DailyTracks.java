package io.reflector.ingest.daily;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The object keys of a {@code recording.ready-to-download} payload's {@code tracks}, sorted out once at ingestion
 * so that every later step works on the same list (spec 12 #7).
 *
 * @param microphoneAudioKeys cam-audio keys in payload order; the index in this list is the speaker number.
 *                            Screen-share audio is left out: it is not a speaker
 * @param allKeys             every key, audio, video and screen share, for consent cleanup, which must delete all
 *                            raw objects (spec 12 #23)
 * @param unrecognisedKeys    keys not in Daily's track layout; kept in {@code allKeys} but never treated as audio,
 *                            worth a warning because a layout change on Daily's side would show up here first
 */
public record DailyTracks(List<String> microphoneAudioKeys, List<String> allKeys, List<String> unrecognisedKeys) {

    public DailyTracks {
        microphoneAudioKeys = List.copyOf(microphoneAudioKeys);
        allKeys = List.copyOf(allKeys);
        unrecognisedKeys = List.copyOf(unrecognisedKeys);
    }

    /**
     * @param tracks the payload's {@code tracks} field: an array of {@code {type, s3Key, size}}; null or missing
     *               (Daily sends null when bucket permissions were removed) yields no keys
     * @throws InvalidDailyEventException when {@code tracks} is not an array, an element has no string
     *                                    {@code s3Key}, or a key could reach outside the bucket; names the element
     */
    public static DailyTracks fromPayloadTracks(JsonNode tracks) {
        List<String> microphoneAudio = new ArrayList<>();
        List<String> all = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        if (tracks == null || tracks.isNull() || tracks.isMissingNode()) {
            return new DailyTracks(microphoneAudio, all, unrecognised);
        }
        if (!tracks.isArray()) {
            throw new InvalidDailyEventException("Daily payload 'tracks' must be an array, got "
                    + tracks.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < tracks.size(); i++) {
            String key = safeKey(tracks.get(i), i);
            all.add(key);
            Optional<DailyTrackKey> parsed = DailyTrackKey.tryParse(key);
            if (parsed.isEmpty()) {
                unrecognised.add(key);
            } else if (parsed.get().kind() == DailyTrackKey.Kind.CAM_AUDIO) {
                microphoneAudio.add(key);
            }
        }
        return new DailyTracks(microphoneAudio, all, unrecognised);
    }

    private static String safeKey(JsonNode track, int index) {
        String where = "Daily payload tracks[" + index + "]";
        if (!track.isObject()) {
            throw new InvalidDailyEventException(where + " must be an object with an s3Key");
        }
        JsonNode s3Key = track.get("s3Key");
        if (s3Key == null || !s3Key.isTextual()) {
            throw new InvalidDailyEventException(where + " has no string 's3Key'");
        }
        String key = s3Key.textValue();
        unsafeBecause(key).ifPresent(reason -> {
            throw new InvalidDailyEventException(where + ".s3Key '" + printable(key) + "' is unsafe: " + reason);
        });
        return key;
    }

    /**
     * The keys are later joined to bucket paths, temp-file paths and URLs; anything that could step outside the
     * Daily bucket's namespace there is refused, even though the payload is signed.
     */
    private static Optional<String> unsafeBecause(String key) {
        if (key.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (key.startsWith("/")) {
            return Optional.of("it is an absolute path");
        }
        if (key.contains("://")) {
            return Optional.of("it is a URL");
        }
        if (key.indexOf('\\') >= 0) {
            return Optional.of("it contains a backslash");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("it contains a control character");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("it contains a '..' segment");
            }
        }
        return Optional.empty();
    }

    /** Control characters are shown escaped so the message cannot break a log line. */
    private static String printable(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
