package org.pruneproof.verification.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.pruneproof.theory.Provenance;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.api.ClaimSpec;
import org.pruneproof.verification.api.ProofStep;

/**
 * Checks that proofs and claims point at each other: every derived claim names a proof; every proof reference names a
 * file and an anchor that exist (on the class path, as a run reads them); the proof's section mentions each lemma
 * step's id and marks each step that is not computable; every lemma id a proof document mentions is a claim of the
 * catalogue; every link between proof documents resolves.
 */
public final class ProofLinks {

    private static final Pattern LEMMA_MENTION = Pattern.compile("`([a-z0-9][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*\\.step-[0-9]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]*)\\)");

    private ProofLinks() {
    }

    /**
     * The problems of a catalogue's proofs, one line each (empty when there are none).
     *
     * @param claims    the catalogue's claims, lemmas included
     * @param documents the proof documents by file name ({@code ye2020.md} → its text), e.g. the repository's
     *                  {@code docs/theory}
     */
    public static List<String> problems(List<Claim<?>> claims, Map<String, String> documents) {
        List<String> out = new ArrayList<>();
        Set<String> ids = claims.stream().map(c -> c.spec().id()).collect(Collectors.toSet());
        for (Claim<?> c : claims) {
            ClaimSpec s = c.spec();
            if (c instanceof LemmaClaim<?>) {
                continue;
            }
            if (s.proof() == null) {
                if (s.provenance().kind() == Provenance.Kind.DERIVED) {
                    out.add(s.id() + ": derived, but its spec names no proof (.proof(\"docs/theory/<file>.md#<anchor>\"))");
                }
                continue;
            }
            Optional<String> section = ProofDocuments.section(s.proof());
            if (section.isEmpty()) {
                String file = s.proof().substring(ProofDocuments.FOLDER.length(), s.proof().indexOf('#'));
                out.add(s.id() + ": proof " + s.proof() + " points nowhere ("
                        + (ProofDocuments.document(file).isEmpty() ? "no file " + ProofDocuments.FOLDER + file + " on the class path"
                        : "no heading with that anchor") + ")");
                continue;
            }
            for (ProofStep st : s.steps()) {
                if (st.kind() == ProofStep.Kind.LEMMA && !section.get().contains("`" + st.lemmaId(s.id()) + "`")) {
                    out.add(s.id() + ": step " + st.number() + " is a lemma, but the proof does not mention `" + st.lemmaId(s.id()) + "`");
                }
                if (st.kind() == ProofStep.Kind.NOT_COMPUTABLE && !stepText(section.get(), st.number()).contains("not computable")) {
                    out.add(s.id() + ": step " + st.number() + " is not computable, but the proof's step " + st.number()
                            + " is not marked \"not computable\"");
                }
            }
        }
        for (Map.Entry<String, String> doc : documents.entrySet()) {
            Matcher m = LEMMA_MENTION.matcher(doc.getValue());
            while (m.find()) {
                if (!ids.contains(m.group(1))) {
                    out.add(ProofDocuments.FOLDER + doc.getKey() + ": mentions the lemma `" + m.group(1) + "`, which no claim's spec names");
                }
            }
            Matcher l = LINK.matcher(doc.getValue());
            while (l.find()) {
                String target = l.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                String text = file.isEmpty() ? doc.getValue() : documents.get(file);
                if (text == null) {
                    out.add(ProofDocuments.FOLDER + doc.getKey() + ": link to " + target + ": no file " + file + " in docs/theory");
                } else if (anchor != null && ProofDocuments.headings(text).stream().noneMatch(h -> h.slug().equals(anchor))) {
                    out.add(ProofDocuments.FOLDER + doc.getKey() + ": link to " + target + ": no heading with anchor " + anchor);
                }
            }
        }
        return out;
    }

    /** The text of numbered step {@code k} of a proof section (the list item starting "k. "), or "" when absent. */
    static String stepText(String section, int k) {
        String[] lines = section.split("\n", -1);
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.matches("[0-9]+\\. .*")) {
                in = t.startsWith(k + ". ");
            } else if (t.startsWith("#")) {
                in = false;
            }
            if (in) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
