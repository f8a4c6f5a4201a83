/**
 * Output that survives interruption and never destroys a user's file: {@link org.pruneproof.io.AtomicFiles}
 * (one file: written beside its target, then moved over it), {@link org.pruneproof.io.OutputFolder} (a folder
 * of results: built beside its target, a manifest written last, then swapped in; temporary folders removed
 * on SIGINT/SIGTERM and cleared by the next run) and {@link org.pruneproof.io.OutputLocations} (an output
 * that would overwrite an input, or land where nothing can be written, is refused before any work), and
 * {@link org.pruneproof.io.JsonFiles} (the one JSON style of every file written: results, counterexamples,
 * summaries, manifests). Depends on Jackson and SLF4J only, so every module writes its output the same way.
 */
package org.pruneproof.io;
