package org.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tessera.testsupport.Python;
import org.tessera.testsupport.PythonCasacore;
import org.tessera.testsupport.SharedMs;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonMatchesPythonCasacoreOnEveryRealMs() throws Exception {
        PythonCasacore.assumeInstalled();
        for (Path ms : SharedMs.all()) {
            CliRun run = CliRun.of("inspect", "--json", ms.toString());
            assertEquals(0, run.exitCode(), ms + ": " + run.err());
            JsonNode ours = JSON.readTree(run.out());
            JsonNode reference = JSON.readTree(Python.testScript("tessera-cli", "inspect_reference.py", ms.toString()).stdoutOk());
            assertSameJson(ms.getFileName() + "", reference, ours, ours.get("sumAbs").asDouble());
        }
    }

    @Test
    void missingPathGivesOneClearError() {
        CliRun run = CliRun.of("inspect", "/nonexistent/x.ms");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("/nonexistent/x.ms") && run.err().contains("does not exist"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    /** Integers and strings equal; doubles to 1e-9 relative (sums of the data to 1e-9 of sumAbs). */
    private static void assertSameJson(String where, JsonNode expected, JsonNode actual, double scale) {
        if (expected.isObject()) {
            assertEquals(names(expected), names(actual), where + ": keys");
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                double s = e.getKey().equals("sumReal") || e.getKey().equals("sumImag") ? scale : 0;
                assertSameJson(where + "." + e.getKey(), e.getValue(), actual.get(e.getKey()), s);
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where + ": length");
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(where + "[" + i + "]", expected.get(i), actual.get(i), 0);
            }
        } else if (expected.isIntegralNumber()) {
            assertEquals(expected.asLong(), actual.asLong(), where);
        } else if (expected.isNumber()) {
            double tol = 1e-9 * Math.max(Math.abs(expected.asDouble()), scale) + 1e-12;
            assertEquals(expected.asDouble(), actual.asDouble(), tol, where);
        } else {
            assertEquals(expected.asText(), actual.asText(), where);
        }
    }

    private static java.util.Set<String> names(JsonNode n) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
