package org.pruneproof.verification.proof;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pruneproof.reports.results.ProofResult;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.ProofStep;

/**
 * The proof documents {@code docs/theory/<file>.md}, read from the class path (the verification module packages the
 * repository's {@code docs/theory} as resources; a user's project can add its own files under the same path).
 *
 * <p><b>Anchor rule.</b> A proof reference {@code docs/theory/<file>.md#<anchor>} names the section of that file whose
 * heading (any level) has the slug {@code <anchor>}. The slug of a heading is GitHub's: its text in lower case, every
 * character other than a letter, a digit, a space or a dash removed, and spaces replaced by dashes; so
 * {@code ## realizable-rate} has the anchor {@code realizable-rate}, the same in a browser on GitHub and in the report.
 * A section runs from its heading to the next heading of the same or a higher level.
 */
public final class ProofDocuments {

    /** The class-path folder of the proof documents. */
    public static final String FOLDER = "docs/theory/";

    private static final Map<String, Optional<String>> CACHE = new ConcurrentHashMap<>();

    private ProofDocuments() {
    }

    /** A heading of a document: its level (number of {@code #}), its slug and the line it starts on. */
    public record Heading(int level, String text, String slug, int line) {
    }

    /** The text of {@code docs/theory/<file>}, if the class path has it. */
    public static Optional<String> document(String file) {
        return CACHE.computeIfAbsent(file, ProofDocuments::load);
    }

    /** GitHub's slug of a heading's text (see the class comment). */
    public static String slug(String heading) {
        String lower = heading.trim().toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                b.append(c);
            } else if (c == ' ') {
                b.append('-');
            }
        }
        return b.toString();
    }

    /** The headings of a Markdown text (outside fenced code blocks), in order. */
    public static List<Heading> headings(String markdown) {
        List<Heading> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean fence = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence || !line.startsWith("#")) {
                continue;
            }
            int level = 0;
            while (level < line.length() && line.charAt(level) == '#') {
                level++;
            }
            if (level > 6 || level >= line.length() || line.charAt(level) != ' ') {
                continue;
            }
            String text = line.substring(level + 1).trim();
            out.add(new Heading(level, text, slug(text), i));
        }
        return out;
    }

    /**
     * The section a proof reference names, from its heading to the next heading of the same or a higher level.
     *
     * @return empty when the file is not on the class path or has no heading with that anchor
     */
    public static Optional<String> section(String ref) {
        int hash = ref.indexOf('#');
        if (!ref.startsWith(FOLDER) || hash < 0) {
            return Optional.empty();
        }
        String anchor = ref.substring(hash + 1);
        Optional<String> doc = document(ref.substring(FOLDER.length(), hash));
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = doc.get().split("\n", -1);
        List<Heading> hs = headings(doc.get());
        for (int k = 0; k < hs.size(); k++) {
            Heading h = hs.get(k);
            if (!h.slug().equals(anchor)) {
                continue;
            }
            int end = lines.length;
            for (int j = k + 1; j < hs.size(); j++) {
                if (hs.get(j).level() <= h.level()) {
                    end = hs.get(j).line();
                    break;
                }
            }
            return Optional.of(String.join("\n", java.util.Arrays.copyOfRange(lines, h.line(), end)).strip() + "\n");
        }
        return Optional.empty();
    }

    /** The proof of a claim as {@code results.json} carries it; null when the spec names none. */
    public static ProofResult resultFor(ClaimSpec spec) {
        if (spec.proof() == null) {
            return null;
        }
        String text = section(spec.proof()).orElse("*The proof " + spec.proof() + " was not found on the class path.*\n");
        List<ProofResult.Step> steps = spec.steps().stream().map(s -> new ProofResult.Step(s.number(), s.statement(),
                s.kind().label(), s.note(), s.kind() == ProofStep.Kind.LEMMA ? s.lemmaId(spec.id()) : null)).toList();
        return new ProofResult(spec.proof(), text, steps);
    }

    private static Optional<String> load(String file) {
        try (InputStream in = ProofDocuments.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + FOLDER + file + ": " + e.getMessage(), e);
        }
    }
}
