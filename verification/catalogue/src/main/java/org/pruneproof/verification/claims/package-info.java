/**
 * The claim catalogue. Every public class implementing {@link org.pruneproof.verification.api.Claim}
 * here (or in a sub-package) with a public no-argument constructor is found and checked; nothing
 * needs registering. Sub-packages by paper: {@code ye2020}, {@code wolfe2021}, {@code hayou2021};
 * {@code crosscheck} ties the scaled engine to the reference engine.
 */
package org.pruneproof.verification.claims;
