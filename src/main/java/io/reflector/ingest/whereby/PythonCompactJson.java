package io.reflector.ingest.whereby;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.reflector.ingest.json.PythonFloat;

/**
 * Re-serialises a JSON body the way Reflector's Python did before signing it:
 * {@code json.dumps(json.loads(body), separators=(",", ":"))}. Original key order, {@code ensure_ascii} escaping
 * ({@code \\uXXXX} in lowercase hex, surrogate pairs beyond the BMP, DEL included, {@code /} left alone), integers
 * verbatim, floats as Python's {@code repr}, and NaN/Infinity as Python writes them.
 */
final class PythonCompactJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            // json.loads accepts these literals, so a body carrying them was signable under Reflector.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PythonCompactJson() {
    }

    /** Empty when the body is not JSON, in which case Reflector could not have signed a re-serialisation either. */
    static Optional<String> reserialise(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root == null || root.isMissingNode() ? Optional.empty() : Optional.of(dumps(root));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendString(out, field.getKey());
                    out.append(':');
                    append(out, field.getValue());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, node.get(i));
                }
                out.append(']');
            }
            case STRING -> appendString(out, node.textValue());
            case NUMBER -> out.append(node.isIntegralNumber()
                    ? node.bigIntegerValue().toString()
                    : PythonFloat.repr(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalStateException("a parsed JSON tree cannot contain " + node.getNodeType());
        }
    }

    private static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Java strings are UTF-16, so characters beyond the BMP arrive here as the surrogate pair
                    // Python writes.
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
