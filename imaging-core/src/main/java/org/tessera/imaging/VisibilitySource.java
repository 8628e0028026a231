package org.tessera.imaging;

import java.util.function.Consumer;

/**
 * Visibilities that can be streamed more than once (a gridder may need one pass to find
 * the w range and further passes per group of w-planes). Memory is bounded by one chunk.
 */
public interface VisibilitySource {
    /** Streams every chunk, in order. A chunk and its arrays may be reused after the call returns. */
    void forEach(Consumer<VisibilityChunk> consumer);
}
