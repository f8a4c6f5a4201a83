package org.pruneproof.gpu.cuda;

/**
 * Device memory from {@code cuMemAlloc}: its address and size. Closing frees it.
 *
 * @param pointer the {@code CUdeviceptr}
 * @param bytes   its size
 */
public record DeviceBuffer(long pointer, long bytes) implements AutoCloseable {

    @Override
    public void close() {
        Driver.memFree(pointer);
    }
}
