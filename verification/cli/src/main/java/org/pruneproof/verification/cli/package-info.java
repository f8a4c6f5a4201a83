/**
 * The command line ./pruneproof as thin picocli adapters: each command parses its options, then calls the
 * property engine (list, check, replay, verify, report), the reference engine (eoc) or a scaled job
 * (prune, prune-at-init, greedy). Usage mistakes are one line with exit status 2.
 */
package org.pruneproof.verification.cli;
