/**
 * CUDA through the Foreign Function &amp; Memory API: {@link org.pruneproof.gpu.cuda.CudaLibraries}
 * finds {@code libcuda.so.1}, {@code libnvrtc.so.13}, {@code libcublas.so.13} and {@code libcudnn.so.9}
 * (or refuses in one line naming what it looked for and where); {@link org.pruneproof.gpu.cuda.Driver},
 * {@link org.pruneproof.gpu.cuda.Nvrtc}, {@link org.pruneproof.gpu.cuda.Cublas} and
 * {@link org.pruneproof.gpu.cuda.Cudnn} hold each library's C signatures as
 * {@link java.lang.foreign.FunctionDescriptor}s and bind a downcall handle the first time a function is
 * called. Every status code other than success becomes a {@link org.pruneproof.gpu.cuda.CudaException}
 * with the library's own error string.
 */
package org.pruneproof.gpu.cuda;
