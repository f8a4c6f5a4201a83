/**
 * A JUnit Platform test engine for claims: a project that depends on {@code pruneproof-junit-engine} runs its
 * {@link org.pruneproof.verification.api.Claim} classes under {@code src/test/java} as tests in Surefire and IDEs,
 * one test per claim, and gets the same {@code results.json} and HTML report as the project's own catalogue.
 * The engine is found through {@link java.util.ServiceLoader}, as JUnit Jupiter and jqwik are.
 */
package org.pruneproof.verification.junit;
