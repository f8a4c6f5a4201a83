package org.pruneproof.verification.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/** A claim class as a container of its one claim test, unique id {@code [engine:pruneproof]/[class:<class name>]}. */
final class ClassDescriptor extends AbstractTestDescriptor {

    /** The unique-id segment type of a claim class. */
    static final String SEGMENT = "class";

    ClassDescriptor(UniqueId id, Class<?> claimClass) {
        super(id, claimClass.getSimpleName(), ClassSource.from(claimClass));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
