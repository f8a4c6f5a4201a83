package org.pruneproof.verification.junit;

import java.lang.reflect.Constructor;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.pruneproof.verification.api.Claim;

/** One claim as one test: unique id {@code [engine:pruneproof]/[claim:<class name>]}, display name the claim's id. */
final class ClaimDescriptor extends AbstractTestDescriptor {

    /** The unique-id segment type of a claim. */
    static final String SEGMENT = "claim";

    private final Class<?> claimClass;

    private ClaimDescriptor(UniqueId id, String displayName, Class<?> claimClass) {
        super(id, displayName, ClassSource.from(claimClass));
        this.claimClass = claimClass;
    }

    /** The descriptor of a claim class, named by its id (or by the class when the claim cannot be created). */
    static ClaimDescriptor of(UniqueId parent, Class<?> c) {
        String name;
        try {
            name = create(c).spec().id();
        } catch (RuntimeException | ReflectiveOperationException | LinkageError e) {
            name = c.getName();
        }
        return new ClaimDescriptor(parent.append(SEGMENT, c.getName()), name, c);
    }

    /** A fresh instance of the claim; a class that cannot be created fails its test with the reason. */
    Claim<?> instantiate() {
        try {
            return create(claimClass);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(claimClass.getName()
                    + ": a claim needs a public no-argument constructor that succeeds: " + cause, cause);
        }
    }

    private static Claim<?> create(Class<?> c) throws ReflectiveOperationException {
        Constructor<?> ctor = c.getConstructor();
        return (Claim<?>) ctor.newInstance();
    }

    @Override
    public Type getType() {
        return TestDescriptor.Type.TEST;
    }
}
