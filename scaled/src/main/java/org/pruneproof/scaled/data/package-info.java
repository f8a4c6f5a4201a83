/**
 * Image batches for the full-size jobs: seeded synthetic images and image folders (one sub-folder per
 * class) with ImageNet-style preprocessing.
 */
package org.pruneproof.scaled.data;
