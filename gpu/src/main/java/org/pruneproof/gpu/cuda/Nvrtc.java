package org.pruneproof.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * NVRTC ({@code libnvrtc.so.13}, {@code nvrtc.h}): compiles CUDA C++ source to PTX at run time, so no
 * CUDA compiler is needed where the engine is built. {@code nvrtcResult} → {@code JAVA_INT},
 * {@code nvrtcProgram} and pointers → {@code ADDRESS}, {@code size_t} → {@code JAVA_LONG}.
 */
public final class Nvrtc {

    static final NativeFunctions FUNCTIONS = new NativeFunctions(CudaLibrary.NVRTC, Map.ofEntries(
            Map.entry("nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("nvrtcCreateProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT,
                    ADDRESS, ADDRESS)),
            Map.entry("nvrtcCompileProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS)),
            Map.entry("nvrtcGetPTXSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("nvrtcGetPTX", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("nvrtcGetProgramLogSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
            Map.entry("nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
            Map.entry("nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT))));

    private Nvrtc() {
    }

    /** The signatures bound. */
    public static NativeFunctions functions() {
        return FUNCTIONS;
    }

    /** {@code nvrtcGetErrorString}. */
    public static String errorString(int status) {
        return Strings.read((MemorySegment) FUNCTIONS.call("nvrtcGetErrorString", status));
    }

    /** {@code nvrtcVersion}: {major, minor}. */
    public static int[] version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT);
            MemorySegment minor = a.allocate(JAVA_INT);
            FUNCTIONS.check("nvrtcVersion", Nvrtc::errorString, major, minor);
            return new int[] {major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)};
        }
    }

    /**
     * Compiles one source file to PTX.
     *
     * @param source  CUDA C++ source (kernels declared {@code extern "C"} keep their names)
     * @param name    a file name for messages
     * @param options compiler options, e.g. {@code --gpu-architecture=compute_90}
     * @return the PTX, NUL-terminated, in a global segment ready for {@link Driver#loadModule}
     * @throws CudaException with the compiler's log when compilation fails
     */
    public static MemorySegment compile(String source, String name, List<String> options) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment program = a.allocate(ADDRESS);
            FUNCTIONS.check("nvrtcCreateProgram", Nvrtc::errorString, program, a.allocateFrom(source),
                    a.allocateFrom(name), 0, MemorySegment.NULL, MemorySegment.NULL);
            MemorySegment prog = program.get(ADDRESS, 0);
            try {
                MemorySegment opts = a.allocate(ADDRESS, Math.max(1, options.size()));
                for (int k = 0; k < options.size(); k++) {
                    opts.setAtIndex(ADDRESS, k, a.allocateFrom(options.get(k)));
                }
                int status = (int) FUNCTIONS.call("nvrtcCompileProgram", prog, options.size(), opts);
                if (status != 0) {
                    throw new CudaException("nvrtcCompileProgram(" + name + ")", status, errorString(status)
                            + "; log: " + log(a, prog).strip().replace('\n', ' '));
                }
                MemorySegment size = a.allocate(JAVA_LONG);
                FUNCTIONS.check("nvrtcGetPTXSize", Nvrtc::errorString, prog, size);
                MemorySegment ptx = Arena.global().allocate(JAVA_BYTE, size.get(JAVA_LONG, 0));
                FUNCTIONS.check("nvrtcGetPTX", Nvrtc::errorString, prog, ptx);
                return ptx;
            } finally {
                FUNCTIONS.call("nvrtcDestroyProgram", program);
            }
        }
    }

    private static String log(Arena a, MemorySegment prog) {
        MemorySegment size = a.allocate(JAVA_LONG);
        if ((int) FUNCTIONS.call("nvrtcGetProgramLogSize", prog, size) != 0) {
            return "(no log)";
        }
        MemorySegment text = a.allocate(JAVA_BYTE, Math.max(1, size.get(JAVA_LONG, 0)));
        FUNCTIONS.call("nvrtcGetProgramLog", prog, text);
        return text.getString(0);
    }
}
