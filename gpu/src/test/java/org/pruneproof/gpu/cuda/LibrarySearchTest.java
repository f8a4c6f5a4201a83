package org.pruneproof.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibrarySearchTest {

    @TempDir
    Path tmp;

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "not a library");
    }

    @Test
    void findsTheWheelLayoutUnderAPythonSitePackagesFolder() throws IOException {
        Path site = tmp.resolve("venv/lib/python3.12/site-packages");
        Path cublas = touch(site.resolve("nvidia/cu13/lib/libcublas.so.13"));
        Path cudnn = touch(site.resolve("nvidia/cudnn/lib/libcudnn.so.9"));
        LibrarySearch s = LibrarySearch.of(k -> null, Map.of("VIRTUAL_ENV", tmp.resolve("venv").toString()));
        assertEquals(Optional.of(cublas), CudaLibraries.locate(CudaLibrary.CUBLAS, s));
        assertEquals(Optional.of(cudnn), CudaLibraries.locate(CudaLibrary.CUDNN, s));
        assertEquals(Optional.empty(), CudaLibraries.locate(CudaLibrary.NVRTC, s));
    }

    @Test
    void theExplicitPropertyComesBeforeTheEnvironmentAndLdLibraryPath() throws IOException {
        Path explicit = touch(tmp.resolve("a/libnvrtc.so.13"));
        Path fromEnv = touch(tmp.resolve("b/libnvrtc.so.13"));
        Path fromLd = touch(tmp.resolve("c/libnvrtc.so.13"));
        Map<String, String> env = Map.of(LibrarySearch.ENV, fromEnv.getParent().toString(),
                "LD_LIBRARY_PATH", fromLd.getParent().toString());
        LibrarySearch all = LibrarySearch.of(k -> k.equals(LibrarySearch.PROPERTY) ? explicit.getParent().toString() : null, env);
        assertEquals(Optional.of(explicit), all.find("libnvrtc.so.13"));
        assertEquals(Optional.of(fromEnv), LibrarySearch.of(k -> null, env).find("libnvrtc.so.13"));
        assertEquals(Optional.of(fromLd), LibrarySearch.of(k -> null, Map.of("LD_LIBRARY_PATH", fromLd.getParent().toString()))
                .find("libnvrtc.so.13"));
    }

    @Test
    void theSitePackagesPropertyIsScannedFirstAmongPythonFolders() throws IOException {
        Path site = tmp.resolve("python-site");
        Path lib = touch(site.resolve("nvidia/cuda_nvrtc/lib/libnvrtc.so.13"));
        LibrarySearch s = LibrarySearch.of(k -> k.equals(LibrarySearch.SITE_PACKAGES_PROPERTY) ? site.toString() : null, Map.of());
        assertEquals(site, s.sitePackages().get(0));
        assertEquals(Optional.of(lib), s.find("libnvrtc.so.13"));
        assertTrue(s.describe().contains(site.resolve("nvidia/cuda_nvrtc/lib").toString()), s.describe());
    }

    @Test
    void aMissingLibraryIsRefusedInOneLineNamingWhatAndWhere() {
        LibrarySearch s = new LibrarySearch(null, null, "/nowhere/lib", List.of(tmp.resolve("site-packages")),
                List.of(tmp.resolve("system")));
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
                () -> CudaLibraries.openWith(CudaLibrary.CUBLAS_LT, s));
        String msg = e.getMessage();
        assertFalse(msg.contains("\n"), msg);
        assertTrue(msg.startsWith("libcublasLt.so.13 (cuBLASLt) not found; looked in"), msg);
        assertTrue(msg.contains("-Dpruneproof.cuda.libs (unset)"), msg);
        assertTrue(msg.contains("$LD_LIBRARY_PATH (/nowhere/lib)"), msg);
        assertTrue(msg.contains("no site-packages folder present"), msg);
        assertTrue(msg.contains(tmp.resolve("system").toString()), msg);
        assertTrue(msg.contains("dynamic linker's cache"), msg);
    }

    @Test
    void onThisMachineTheDriverIsRefusedWithTheSearchOfThisProcess() {
        boolean driverPresent;
        try {
            SymbolLookup.libraryLookup(CudaLibrary.DRIVER.fileName(), Arena.global());
            driverPresent = true;
        } catch (IllegalArgumentException e) {
            driverPresent = false;
        }
        Assumptions.assumeFalse(driverPresent || CudaLibraries.locate(CudaLibrary.DRIVER, LibrarySearch.ofThisProcess()).isPresent(),
                "SKIPPED: this machine has libcuda.so.1, so the refusal cannot be shown here");
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> Driver.init());
        assertTrue(e.getMessage().startsWith("libcuda.so.1 (CUDA driver API) not found; looked in"), e.getMessage());
    }

    @Test
    void aFileThatIsNoLibraryIsRefusedNamingItsPath() throws IOException {
        Path fake = touch(tmp.resolve("lib/libcudnn.so.9"));
        LibrarySearch s = new LibrarySearch(fake.getParent().toString(), null, null, List.of(), List.of());
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> CudaLibraries.openWith(CudaLibrary.CUDNN, s));
        assertTrue(e.getMessage().contains("found at " + fake + " but it cannot be opened"), e.getMessage());
    }
}
