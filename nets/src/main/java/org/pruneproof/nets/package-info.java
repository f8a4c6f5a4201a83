/**
 * Network descriptions that every engine shares, without numerics: {@link org.pruneproof.nets.Layer} (a sealed
 * hierarchy of layer kinds with a {@link org.pruneproof.nets.Layer.Visitor}), {@link org.pruneproof.nets.Architecture}
 * (shapes, parameter list, parameter and MAC counts, whether it is a ResNet), the registry of standard models
 * {@link org.pruneproof.nets.Architectures}, prunable channel groups and channel removal on a description. An engine
 * builds its own graph and weights from a description (the ND4J engine: {@code org.pruneproof.scaled.nets}).
 */
package org.pruneproof.nets;
