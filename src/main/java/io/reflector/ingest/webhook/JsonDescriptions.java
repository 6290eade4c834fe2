package io.reflector.ingest.webhook;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;

/** How the webhook parsers word what they found, so a 400 says where and what, alike for every platform. */
public final class JsonDescriptions {
    private JsonDescriptions() {
    }

    /** " at line L, column C", or nothing when the parser does not know. */
    public static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The node's JSON type, with the value itself for scalars: "string \"x\"", "array". */
    public static String describe(JsonNode node) {
        String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return node.isContainerNode() ? kind : kind + " " + node;
    }
}
