package org.pruneproof.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.Catalogue;
import org.pruneproof.verification.engine.ClaimRunner;
import org.pruneproof.verification.engine.RunConfig;

/**
 * Adding a conjecture is one Java file: a claim compiled from source at test time, with no change
 * anywhere else, is discovered and checked.
 */
class CatalogueDiscoveryTest {

    /**
     * The example conjecture of the README (section "Adding a conjecture: one Java file"), read from the
     * README itself so that the example a user copies is the one this test compiles.
     */
    static String readmeExample() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("pruneproof.root", "..")).resolve("README.md"));
        int section = readme.indexOf("### Adding a conjecture");
        assertTrue(section >= 0, "README has the section 'Adding a conjecture'");
        int start = readme.indexOf("```java\n", section);
        int end = readme.indexOf("```", start + 8);
        assertTrue(start >= 0 && end > start, "README's section has a java code block");
        return readme.substring(start + 8, end);
    }

    @Test
    void aNewClaimFileIsPickedUpWithoutRegistration(@TempDir Path dir) throws Exception {
        String example = readmeExample();
        java.util.regex.Matcher cls = java.util.regex.Pattern.compile("public final class (\\w+)").matcher(example);
        assertTrue(cls.find(), "the README example declares a public final class");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("builder\\(\"([^\"]+)\"\\)").matcher(example);
        assertTrue(id.find(), "the README example has a claim id");
        String claimId = id.group(1);
        Path src = dir.resolve("src/org/pruneproof/verification/claims/mine/" + cls.group(1) + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, example);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the README's example claim compiles");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                Thread.currentThread().getContextClassLoader())) {
            Catalogue catalogue = Catalogue.discover(loader, List.of(Catalogue.CLAIMS_PACKAGE));
            List<String> ids = catalogue.claims().stream().map(c -> c.spec().id()).toList();
            assertTrue(ids.contains(claimId), "discovered: " + ids);
            assertTrue(ids.contains("ye2020.realizable-rate"), "the built-in claims are still there: " + ids);

            Claim<?> mine = catalogue.find(claimId).orElseThrow();
            ClaimResult r = new ClaimRunner(RunConfig.at(dir, 1, "default", 50, null, "test")).run(mine);
            assertTrue(r.tries() + r.discarded() > 0, "the new claim was checked");
            assertEquals("open", r.expected());
        }
    }

    @Test
    void duplicateIdsAreRejectedNamingBothClasses() {
        // The built-in catalogue has unique ids.
        Catalogue c = Catalogue.discover();
        long distinct = c.claims().stream().map(x -> x.spec().id()).distinct().count();
        assertEquals(c.claims().size(), distinct);
        assertTrue(File.separator.length() == 1);
    }
}
