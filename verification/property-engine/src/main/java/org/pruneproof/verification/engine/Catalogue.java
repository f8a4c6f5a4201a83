package org.pruneproof.verification.engine;

import org.pruneproof.verification.api.ProofStep;
import org.pruneproof.verification.proof.LemmaClaim;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pruneproof.verification.api.Claim;

/**
 * The claim catalogue, discovered without registration: every public concrete class implementing
 * {@link Claim} with a public no-argument constructor in the scanned packages, and, for each proof step a claim's
 * spec names as a lemma, the lemma claim {@code <id>.step-K} ({@link LemmaClaim}).
 */
public final class Catalogue {

    /** The package of the project's own claims. */
    public static final String CLAIMS_PACKAGE = "org.pruneproof.verification.claims";

    /** System property naming extra packages (comma-separated) that hold a user's claims. */
    public static final String EXTRA_PACKAGES_PROPERTY = "pruneproof.claims.packages";

    private final List<Claim<?>> claims;

    private Catalogue(List<Claim<?>> claims) {
        this.claims = List.copyOf(claims);
    }

    /** Discovers the claims of the project's package and of any extra packages named by the system property. */
    public static Catalogue discover() {
        List<String> packages = new ArrayList<>();
        packages.add(CLAIMS_PACKAGE);
        String extra = System.getProperty(EXTRA_PACKAGES_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            Arrays.stream(extra.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(packages::add);
        }
        return discover(Thread.currentThread().getContextClassLoader(), packages);
    }

    /**
     * Discovers the claims in the given packages as seen by the class loader.
     *
     * @throws CatalogueException naming the class when a claim cannot be instantiated or two claims share an id
     */
    public static Catalogue discover(ClassLoader loader, List<String> packages) {
        List<Claim<?>> found = new ArrayList<>();
        Map<String, String> owners = new LinkedHashMap<>();
        try (ScanResult scan = new ClassGraph().addClassLoader(loader)
                .enableClassInfo().acceptPackages(packages.toArray(String[]::new)).scan()) {
            for (ClassInfo info : scan.getClassesImplementing(Claim.class.getName())) {
                if (info.isAbstract() || info.isInterface() || !info.isPublic() || info.isInnerClass() && !info.isStatic()) {
                    continue;
                }
                Claim<?> claim = instantiate(info.loadClass());
                String id = claim.spec().id();
                String previous = owners.put(id, info.getName());
                if (previous != null) {
                    throw new CatalogueException("two claims share the id '" + id + "': " + previous + " and " + info.getName());
                }
                found.add(claim);
                for (ProofStep step : claim.spec().steps()) {
                    if (step.kind() == ProofStep.Kind.LEMMA) {
                        Claim<?> lemma = lemmaOf(claim, step);
                        String clash = owners.put(lemma.spec().id(), info.getName() + " (proof step " + step.number() + ")");
                        if (clash != null) {
                            throw new CatalogueException("two claims share the id '" + lemma.spec().id() + "': " + clash
                                    + " and " + info.getName());
                        }
                        found.add(lemma);
                    }
                }
            }
        }
        found.sort(Comparator.comparing(c -> c.spec().id()));
        return new Catalogue(found);
    }

    private static <I> Claim<I> lemmaOf(Claim<I> theorem, ProofStep step) {
        return new LemmaClaim<>(theorem, step);
    }

    private static Claim<?> instantiate(Class<?> c) {
        try {
            Constructor<?> ctor = c.getConstructor();
            if (!Modifier.isPublic(ctor.getModifiers())) {
                throw new CatalogueException(c.getName() + ": a claim needs a public no-argument constructor");
            }
            return (Claim<?>) ctor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new CatalogueException(c.getName() + ": a claim needs a public no-argument constructor");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CatalogueException(c.getName() + ": cannot create the claim: " + cause);
        }
    }

    /** All claims, sorted by id. */
    public List<Claim<?>> claims() {
        return claims;
    }

    /** The claim with this id. */
    public Optional<Claim<?>> find(String id) {
        return claims.stream().filter(c -> c.spec().id().equals(id)).findFirst();
    }

    /**
     * Ids close to {@code id} (same paper, or sharing a word), for "did you mean" messages: the five
     * nearest by edit distance.
     */
    public List<String> suggestions(String id) {
        String paper = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
        String[] words = id.substring(id.indexOf('.') + 1).split("-");
        return claims.stream().map(c -> c.spec().id())
                .filter(other -> Arrays.stream(words).anyMatch(w -> w.length() > 2 && other.contains(w))
                        || other.startsWith(paper + "."))
                .sorted(java.util.Comparator.comparingInt((String other) -> editDistance(id, other))
                        .thenComparing(java.util.Comparator.naturalOrder()))
                .limit(5).toList();
    }

    /** Levenshtein distance between two strings. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A catalogue problem a user can fix; the message names the class. */
    public static final class CatalogueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CatalogueException(String message) {
            super(message);
        }
    }
}
