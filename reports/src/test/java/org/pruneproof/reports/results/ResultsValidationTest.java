package org.pruneproof.reports.results;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsValidationTest {

    @TempDir
    Path dir;

    private String refusal(String claims) throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"run\": {\"seed\": 1}, \"claims\": [" + claims + "]}");
        return assertThrows(InvalidResultsException.class, () -> ResultsFiles.read(file)).getMessage();
    }

    @Test
    void aVerdictTheEngineCannotGiveIsRefusedNamingClaimAndField() throws IOException {
        String m = refusal("{\"id\": \"a.b\", \"verdict\": \"MAYBE\", \"expected\": \"holds\"}");
        assertTrue(m.contains("claim 1 (\"a.b\")") && m.contains("\"verdict\" is \"MAYBE\"") && m.contains("HOLDS, FALSIFIED, INCONCLUSIVE"), m);
    }

    @Test
    void aClaimWithoutIdIsRefused() throws IOException {
        String m = refusal("{\"verdict\": \"HOLDS\", \"expected\": \"holds\"}");
        assertTrue(m.contains("claim 1 has no \"id\""), m);
    }

    @Test
    void aDuplicateIdAnUnknownExpectationAndANegativeCountAreRefused() throws IOException {
        String ok = "{\"id\": \"a\", \"verdict\": \"HOLDS\", \"expected\": \"holds\"}";
        assertTrue(refusal(ok + "," + ok).contains("appears twice"));
        assertTrue(refusal("{\"id\": \"a\", \"verdict\": \"HOLDS\", \"expected\": \"sometimes\"}").contains("\"expected\" is \"sometimes\""));
        assertTrue(refusal("{\"id\": \"a\", \"verdict\": \"HOLDS\", \"expected\": \"open\", \"tries\": -1}").contains("non-negative"));
        assertTrue(refusal("null").contains(dir.toString()), "a null claim is refused naming the file");
    }

    @Test
    void aMinimalValidFileIsRead() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"run\": {\"seed\": 1}, \"claims\": [{\"id\": \"a\", \"verdict\": \"INCONCLUSIVE\", \"expected\": \"open\"}]}");
        assertTrue(ResultsFiles.read(file).claims().size() == 1);
    }

    @Test
    void aWrongKindOfValueNamesTheFieldAndTheExpectedKindNotAJavaType() throws IOException {
        String m = refusal("{\"id\": \"a\", \"verdict\": \"HOLDS\", \"expected\": \"holds\", \"tries\": \"many\"}");
        assertTrue(m.contains("field claims[0].tries: expected an integer"), m);
        assertTrue(!m.contains("org.pruneproof") && !m.contains("java."), m);
        Path file = dir.resolve("array.json");
        Files.writeString(file, "[1, 2]");
        String top = assertThrows(InvalidResultsException.class, () -> ResultsFiles.read(file)).getMessage();
        assertTrue(!top.contains("org.pruneproof") && top.startsWith(file.toString()), top);
    }
}
