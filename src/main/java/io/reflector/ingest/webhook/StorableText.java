package io.reflector.ingest.webhook;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text PostgreSQL cannot store: a NUL character (a {@code text} value refuses it) and a lone UTF-16 surrogate (no
 * UTF-8 form; the driver would silently write '?' instead). Input carrying either is refused at the door with 400,
 * before any of it reaches a query, instead of failing there with a 500.
 */
public final class StorableText {
    private StorableText() {
    }

    /** @return what is wrong with {@code text}, empty when PostgreSQL stores it as it is */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character (U+0000) at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains a lone surrogate U+" + Integer.toHexString(c).toUpperCase() + " at index " + i);
            }
        }
        return Optional.empty();
    }

    /** @return the first field name or string value of the tree that PostgreSQL cannot store, named by its path */
    public static Optional<String> problemIn(JsonNode node) {
        return problemIn(node, "");
    }

    private static Optional<String> problemIn(JsonNode node, String path) {
        if (node.isTextual()) {
            return problem(node.textValue()).map(p -> describe(path) + " " + p);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = problemIn(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                Optional<String> found = problem(field.getKey()).map(p -> "a field name " + p)
                        .or(() -> problemIn(field.getValue(), fieldPath));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the value" : "'" + path + "'";
    }
}
