package org.pruneproof.verification.junit;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.opentest4j.TestAbortedException;
import org.pruneproof.reports.results.ClaimResult;
import org.pruneproof.verification.api.Claim;
import org.pruneproof.verification.engine.CatalogueRun;
import org.pruneproof.verification.engine.TestVerdict;

/**
 * Runs the {@link Claim} classes of a project as tests on the JUnit Platform, so that Maven Surefire, Gradle and IDEs
 * run a user's conjectures like any other test: one test per claim, named by its id, failed when the verdict
 * contradicts the expectation and skipped (aborted) when it is inconclusive, by the same rule as the project's own
 * catalogue ({@link TestVerdict}). After the last claim it writes {@code results.json} and the HTML report
 * {@code index.html} to {@code target/pruneproof} of the project.
 *
 * <p>The engine is found through {@link java.util.ServiceLoader} (its id is {@value #ID}); a project only adds the
 * artifact as a test dependency. It selects claims by class (how Surefire and IDEs ask), by package and by class-path
 * root: a claim is a public concrete class implementing {@link Claim} with a public no-argument constructor.
 * Configuration: see {@link EngineSettings}.
 */
public final class ClaimTestEngine implements TestEngine {

    /** The engine's id, the first segment of every unique id it makes. */
    public static final String ID = "pruneproof";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("org.pruneproof");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("pruneproof-junit-engine");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "pruneproof claims");
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (ClassSelector s : request.getSelectorsByType(ClassSelector.class)) {
            classes.add(s.getJavaClass());
        }
        for (PackageSelector s : request.getSelectorsByType(PackageSelector.class)) {
            scan(classes, new ClassGraph().acceptPackages(s.getPackageName()));
        }
        for (ClasspathRootSelector s : request.getSelectorsByType(ClasspathRootSelector.class)) {
            scan(classes, new ClassGraph().overrideClasspath(Path.of(s.getClasspathRoot()).toString()));
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            UniqueId id = s.getUniqueId();
            if (id.getEngineId().filter(ID::equals).isPresent() && id.getSegments().size() > 1) {
                wanted.add(id.getSegments().get(1).getValue());
            }
        }
        for (String name : wanted) {
            try {
                classes.add(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
            } catch (ClassNotFoundException e) {
                // a stale unique id: nothing to run for it
            }
        }
        // One container per claim class (as a test class is one), holding its one test: build tools and IDEs group
        // and count tests by class.
        classes.stream().filter(ClaimTestEngine::isClaim).distinct().forEach(c -> {
            ClassDescriptor container = new ClassDescriptor(engine.getUniqueId().append(ClassDescriptor.SEGMENT, c.getName()), c);
            container.addChild(ClaimDescriptor.of(container.getUniqueId(), c));
            engine.addChild(container);
        });
        return engine;
    }

    private static void scan(Set<Class<?>> into, ClassGraph graph) {
        try (ScanResult scan = graph.enableClassInfo().scan()) {
            for (ClassInfo info : scan.getClassesImplementing(Claim.class.getName())) {
                into.add(info.loadClass());
            }
        }
    }

    /** A public, concrete, top-level or static nested class implementing {@link Claim}. */
    static boolean isClaim(Class<?> c) {
        int m = c.getModifiers();
        return Claim.class.isAssignableFrom(c) && Modifier.isPublic(m) && !Modifier.isAbstract(m) && !c.isInterface()
                && (c.getEnclosingClass() == null || Modifier.isStatic(m));
    }

    /** The test result of a started claim: its verdict against its expectation, or what its check threw. */
    private static TestExecutionResult verdict(CompletableFuture<ClaimResult> result) {
        try {
            TestVerdict v = TestVerdict.of(CatalogueRun.await(result));
            return switch (v.kind()) {
                case PASSED -> TestExecutionResult.successful();
                case FAILED -> TestExecutionResult.failed(new AssertionError(v.message()));
                case ABORTED -> TestExecutionResult.aborted(new TestAbortedException(v.message()));
            };
        } catch (RuntimeException | LinkageError e) {
            return TestExecutionResult.failed(e);
        }
    }

    /**
     * Checks every selected claim on {@code pruneproof.jobs} workers (all started at once, with the same results as
     * one worker), reporting them to the listener in discovery order as their results arrive.
     */
    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        var listener = request.getEngineExecutionListener();
        listener.executionStarted(root);
        if (root.getChildren().isEmpty()) {
            listener.executionFinished(root, TestExecutionResult.successful());
            return;
        }
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters());
        CatalogueRun run = new CatalogueRun(settings.config(), settings.backend());
        List<ClaimDescriptor> tests = new ArrayList<>();
        List<Claim<?>> claims = new ArrayList<>();
        Map<ClaimDescriptor, RuntimeException> uncreatable = new HashMap<>();
        for (TestDescriptor container : root.getChildren()) {
            for (TestDescriptor child : container.getChildren()) {
                ClaimDescriptor d = (ClaimDescriptor) child;
                try {
                    claims.add(d.instantiate());
                    tests.add(d);
                } catch (RuntimeException e) {
                    uncreatable.put(d, e);
                }
            }
        }
        try (CatalogueRun.Started started = run.start(claims, settings.jobs())) {
            for (TestDescriptor container : root.getChildren()) {
                listener.executionStarted(container);
                for (TestDescriptor child : container.getChildren()) {
                    ClaimDescriptor d = (ClaimDescriptor) child;
                    listener.executionStarted(d);
                    RuntimeException failure = uncreatable.get(d);
                    listener.executionFinished(d, failure != null ? TestExecutionResult.failed(failure)
                            : verdict(started.results().get(tests.indexOf(d))));
                }
                listener.executionFinished(container, TestExecutionResult.successful());
            }
        }
        TestExecutionResult written;
        try {
            run.write();
            written = TestExecutionResult.successful();
        } catch (RuntimeException e) {
            written = TestExecutionResult.failed(e);
        }
        listener.executionFinished(root, written);
    }
}
