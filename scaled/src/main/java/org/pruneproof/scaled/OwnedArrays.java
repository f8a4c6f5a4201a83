package org.pruneproof.scaled;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Closing ND4J arrays that the caller owns, as soon as it is done with them: an array's native (off-heap) buffer is
 * otherwise freed only after the garbage collector has found its small Java object, which a mostly empty heap rarely
 * does, so temporaries made every step pile up (the training step's memory: {@code NetworkGraph.closePassArrays}).
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
