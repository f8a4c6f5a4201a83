package org.pruneproof.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one JSON style: indented, camelCase fields as given, non-finite numbers as strings; lenient reading. */
class JsonFilesTest {

    @TempDir
    Path dir;

    record Point(String name, double x, List<Integer> keep) {
    }

    @Test
    void writesTheIndentedStyleWithFieldsInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("writtenBy", "pruneproof test");
        m.put("files", List.of("a.npy", "b.json"));
        assertEquals("{\n  \"writtenBy\" : \"pruneproof test\",\n  \"files\" : [ \"a.npy\", \"b.json\" ]\n}", JsonFiles.text(m));
        assertEquals("{\n  \"name\" : \"p\",\n  \"x\" : \"NaN\",\n  \"keep\" : [ 1 ]\n}",
                JsonFiles.text(new Point("p", Double.NaN, List.of(1))));
    }

    @Test
    void writesAtomicallyAndReadsBackIgnoringUnknownFieldsAndBareNaN() throws IOException {
        Path f = dir.resolve("sub/p.json");
        JsonFiles.write(f, new Point("p", 0.5, List.of(2, 3)));
        assertEquals(new Point("p", 0.5, List.of(2, 3)), JsonFiles.mapper().readValue(f.toFile(), Point.class));
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left beside it");
        }
        Point old = JsonFiles.mapper().readValue("{\"name\": \"q\", \"x\": NaN, \"keep\": [], \"addedLater\": 1}", Point.class);
        assertTrue(Double.isNaN(old.x()));
        JsonNode tree = JsonFiles.mapper().readTree("{\"x\": Infinity}");
        assertEquals(Double.POSITIVE_INFINITY, tree.path("x").asDouble());
    }
}
