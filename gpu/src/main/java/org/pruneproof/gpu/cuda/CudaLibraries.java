package org.pruneproof.gpu.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and opens the CUDA libraries ({@link LibrarySearch} says where), once per process. A library
 * not found anywhere is then asked of the dynamic linker by its soname (its cache, {@code
 * /etc/ld.so.conf}); if that fails too, {@link CudaUnavailableException} names the library and every
 * place looked in, on one line.
 */
public final class CudaLibraries {

    private static final Logger LOG = LoggerFactory.getLogger(CudaLibraries.class);
    private static final Map<CudaLibrary, SymbolLookup> OPEN = new EnumMap<>(CudaLibrary.class);

    private CudaLibraries() {
    }

    /**
     * The library's file, when a search finds it (nothing is opened).
     *
     * @return the absolute path, or empty when it is in none of the search's folders
     */
    public static Optional<Path> locate(CudaLibrary library, LibrarySearch search) {
        return search.find(library.fileName());
    }

    /**
     * The library's symbols, opening it (and {@link CudaLibrary#preload()} first) on the first call.
     *
     * @throws CudaUnavailableException when it is neither found nor known to the dynamic linker, or
     *                                  cannot be opened
     */
    public static synchronized SymbolLookup open(CudaLibrary library) {
        SymbolLookup lookup = OPEN.get(library);
        if (lookup == null) {
            for (CudaLibrary dependency : library.preload()) {
                open(dependency);
            }
            lookup = openWith(library, LibrarySearch.ofThisProcess());
            OPEN.put(library, lookup);
        }
        return lookup;
    }

    /** Opens a library found by a given search (not cached). */
    static SymbolLookup openWith(CudaLibrary library, LibrarySearch search) {
        Optional<Path> file = locate(library, search);
        if (file.isPresent()) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(file.get(), Arena.global());
                LOG.info("{}: {}", library.description(), file.get());
                return lookup;
            } catch (IllegalArgumentException e) {
                throw new CudaUnavailableException(library.fileName() + " (" + library.description() + ") found at "
                        + file.get() + " but it cannot be opened: " + e.getMessage(), e);
            }
        }
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(library.fileName(), Arena.global());
            LOG.info("{}: {} from the dynamic linker's search", library.description(), library.fileName());
            return lookup;
        } catch (IllegalArgumentException e) {
            throw notFound(library, search);
        }
    }

    /** The one-line refusal: what was looked for and where. */
    public static CudaUnavailableException notFound(CudaLibrary library, LibrarySearch search) {
        return new CudaUnavailableException(library.fileName() + " (" + library.description() + ") not found; looked in "
                + search.describe());
    }
}
