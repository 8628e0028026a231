package org.tessera.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/** The layout of a JSON document: every key path, list elements by their keys, not their positions. */
public final class JsonKeys {
    private JsonKeys() {
    }

    /** Key paths such as {@code stages.[].tasks.[].host}; the keys inside {@code facts} maps are the tasks' own. */
    public static TreeSet<String> paths(JsonNode node) {
        return paths(node, "", new TreeSet<>());
    }

    private static TreeSet<String> paths(JsonNode node, String prefix, TreeSet<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(prefix + e.getKey());
                if (!e.getKey().equals("facts")) {
                    paths(e.getValue(), prefix + e.getKey() + ".", out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> paths(element, prefix + "[].", out));
        }
        return out;
    }
}
