package org.pruneproof.scaled;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Closing ND4J arrays that the caller owns, as soon as it is done with them, so that a later use fails loudly. In ND4J
 * 1.0.0-M2.1 closing does not free the native buffer; that happens once the garbage collector has found the array
 * ({@link NativeMemory}, which the training step calls).
 */
public final class OwnedArrays {

    private OwnedArrays() {
    }

    /** Closes each array that is still open and closeable (null, closed, view and repeated arrays are skipped). */
    public static void closeAll(INDArray... arrays) {
        Set<INDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (INDArray a : arrays) {
            if (a != null && seen.add(a) && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }
}
