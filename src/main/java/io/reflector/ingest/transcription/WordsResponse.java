package io.reflector.ingest.transcription;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the words of a transcription answer. Reflector's service ({@code {"text", "words": [{"word", "start",
 * "end"}]}}) and OpenAI's {@code verbose_json} with word timestamps share this shape. An empty list is a valid
 * answer (a participant who said nothing, spec §12 #12); a missing one is not.
 */
final class WordsResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WordsResponse() {
    }

    static List<RecognizedWord> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new TranscriptionException("the answer is not JSON: " + e.getMessage(), e);
        }
        JsonNode words = root == null ? null : root.get("words");
        if (words == null || !words.isArray()) {
            throw new TranscriptionException("the answer has no \"words\" list");
        }
        List<RecognizedWord> parsed = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            JsonNode word = words.get(i);
            JsonNode text = word.get("word");
            JsonNode start = word.get("start");
            JsonNode end = word.get("end");
            if (text == null || !text.isTextual() || start == null || !start.isNumber() || end == null
                    || !end.isNumber()) {
                throw new TranscriptionException("words[" + i + "] is not {\"word\": text, \"start\": number, "
                        + "\"end\": number}: " + word);
            }
            parsed.add(new RecognizedWord(text.textValue(), start.doubleValue(), end.doubleValue()));
        }
        return parsed;
    }
}
