package org.pruneproof.gpu.cuda;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C functions of one CUDA library: their signatures, fixed when the binding class is loaded, and
 * their downcall handles, bound the first time each function is called (so a binding class can be
 * loaded, and its signatures inspected, on a machine without CUDA).
 */
public final class NativeFunctions {

    private final CudaLibrary library;
    private final Map<String, FunctionDescriptor> signatures;
    private final Map<String, MethodHandle> handles = new ConcurrentHashMap<>();

    NativeFunctions(CudaLibrary library, Map<String, FunctionDescriptor> signatures) {
        this.library = library;
        this.signatures = Map.copyOf(signatures);
    }

    /** The library these functions come from. */
    public CudaLibrary library() {
        return library;
    }

    /** Every bound function's C symbol and its descriptor. */
    public Map<String, FunctionDescriptor> signatures() {
        return signatures;
    }

    /** The downcall handle of a function, bound on first use. */
    MethodHandle handle(String symbol) {
        return handles.computeIfAbsent(symbol, this::bind);
    }

    private MethodHandle bind(String symbol) {
        FunctionDescriptor descriptor = signatures.get(symbol);
        if (descriptor == null) {
            throw new IllegalArgumentException("no signature for " + symbol + " in " + library.fileName());
        }
        MemorySegment address = CudaLibraries.open(library).find(symbol).orElseThrow(() ->
                new CudaUnavailableException(library.fileName() + " has no symbol " + symbol + " (library too old?)"));
        return Linker.nativeLinker().downcallHandle(address, descriptor);
    }

    /** Calls a function with the given arguments (adapting boxed arguments to the descriptor). */
    Object call(String symbol, Object... args) {
        try {
            return handle(symbol).invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(symbol + ": " + t, t);
        }
    }

    /** Calls a function returning a status code, throwing {@link CudaException} unless it is 0 (success). */
    void check(String symbol, ErrorStrings errors, Object... args) {
        int status = (int) call(symbol, args);
        if (status != 0) {
            throw new CudaException(symbol, status, errors.describe(status));
        }
    }

    /** A library's error string for a status. */
    @FunctionalInterface
    interface ErrorStrings {
        String describe(int status);
    }
}
