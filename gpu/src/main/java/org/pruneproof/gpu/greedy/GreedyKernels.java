package org.pruneproof.gpu.greedy;

/**
 * CUDA C++ kernels of the greedy device, compiled at run time by NVRTC (with {@code --fmad=false}).
 * <ul>
 *   <li>{@code squared_norms_f32/f64}: {@code out[i] = Σ_j Φ_ij²} in double, one thread per row, j in
 *       order — the same sum, rounded the same way, as {@code SquaredNorms} on the host;</li>
 *   <li>{@code fill_uniform_f32/f64}: {@code Φ_k = 2·U_k − 1}, U_k the top 53 bits of SplitMix64 of
 *       (seed + k·γ), γ = 0x9E3779B97F4A7C15, over 2⁵³ — a synthetic Φ for the bandwidth benchmark,
 *       made on the device so no host copy of gigabytes is needed.</li>
 * </ul>
 */
final class GreedyKernels {

    static final String FILE = "greedy_kernels.cu";

    static final String SOURCE = """
            typedef unsigned long long u64;
            __device__ double uniform_pm1(u64 seed, u64 k) {
                u64 z = seed + (k + 1ULL) * 0x9E3779B97F4A7C15ULL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
                z = z ^ (z >> 31);
                return 2.0 * ((double) (z >> 11) * 0x1.0p-53) - 1.0;
            }
            extern "C" __global__ void squared_norms_f32(const float* phi, long long n, long long m, double* out) {
                long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (i >= n) return;
                const float* row = phi + i * m;
                double s = 0.0;
                for (long long j = 0; j < m; j++) { double v = (double) row[j]; s += v * v; }
                out[i] = s;
            }
            extern "C" __global__ void squared_norms_f64(const double* phi, long long n, long long m, double* out) {
                long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (i >= n) return;
                const double* row = phi + i * m;
                double s = 0.0;
                for (long long j = 0; j < m; j++) { double v = row[j]; s += v * v; }
                out[i] = s;
            }
            extern "C" __global__ void fill_uniform_f32(float* phi, long long count, u64 seed) {
                long long k = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                long long stride = (long long) gridDim.x * blockDim.x;
                for (; k < count; k += stride) phi[k] = (float) uniform_pm1(seed, (u64) k);
            }
            extern "C" __global__ void fill_uniform_f64(double* phi, long long count, u64 seed) {
                long long k = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                long long stride = (long long) gridDim.x * blockDim.x;
                for (; k < count; k += stride) phi[k] = uniform_pm1(seed, (u64) k);
            }
            """;

    private GreedyKernels() {
    }

    /** The host twin of {@code uniform_pm1}: entry k of the synthetic Φ for a seed. */
    static double uniform(long seed, long k) {
        long z = seed + (k + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return 2.0 * ((z >>> 11) * 0x1.0p-53) - 1.0;
    }
}
