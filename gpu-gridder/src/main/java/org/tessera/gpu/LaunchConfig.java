package org.tessera.gpu;

/**
 * One-dimensional (or image-row) launch shape. Gridding uses W threads per sample, degridding one,
 * the w-screen kernels one per pixel with one block row per image row.
 */
public record LaunchConfig(int gridX, int gridY, int blockX) {
    public static final int BLOCK = 256;
    /** CUDA's limit on gridDim.x. */
    static final long MAX_GRID_X = Integer.MAX_VALUE;

    public LaunchConfig {
        if (gridX < 1 || gridY < 1 || blockX < 1 || blockX > 1024) {
            throw new IllegalArgumentException("bad launch shape " + gridX + "x" + gridY + " blocks of " + blockX);
        }
    }

    public static LaunchConfig gridding(int samples, int support) {
        return linear((long) samples * support);
    }

    public static LaunchConfig degridding(int samples) {
        return linear(samples);
    }

    public static LaunchConfig image(int width, int height) {
        return new LaunchConfig((width + BLOCK - 1) / BLOCK, height, BLOCK);
    }

    static LaunchConfig linear(long threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("nothing to launch: " + threads + " threads");
        }
        long blocks = (threads + BLOCK - 1) / BLOCK;
        if (blocks > MAX_GRID_X) {
            throw new IllegalArgumentException(threads + " threads exceed one launch; use smaller chunks");
        }
        return new LaunchConfig((int) blocks, 1, BLOCK);
    }

    public long threads() {
        return (long) gridX * gridY * blockX;
    }
}
