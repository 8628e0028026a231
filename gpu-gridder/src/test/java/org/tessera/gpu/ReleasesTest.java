package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After a sticky CUDA error most releases fail; every one is still tried and the context released last. */
class ReleasesTest {
    @Test
    void everyReleaseIsTriedAndTheFailuresAreNamed() {
        List<String> done = new ArrayList<>();
        Releases r = new Releases();
        r.add("primary context", () -> done.add("context"));
        r.add("module gridding", () -> done.add("module"));
        r.add("device buffer of 64 bytes", () -> {
            throw new IllegalStateException("CUDA_ERROR_ILLEGAL_ADDRESS");
        });
        r.add("stream 0", () -> {
            throw new IllegalStateException("CUDA_ERROR_ILLEGAL_ADDRESS");
        });
        r.add("pinned buffer", () -> done.add("pinned"));
        IllegalStateException e = assertThrows(IllegalStateException.class, r::releaseAll);
        assertEquals(List.of("pinned", "module", "context"), done, "newest first, none skipped");
        assertTrue(e.getMessage().startsWith("GPU cleanup: 2 release(s) failed"), e.getMessage());
        assertTrue(e.getMessage().contains("stream 0 (CUDA_ERROR_ILLEGAL_ADDRESS)"), e.getMessage());
        assertTrue(e.getMessage().contains("device buffer of 64 bytes"), e.getMessage());
        assertEquals(2, e.getSuppressed().length);
        assertEquals(0, r.pending());
        r.releaseAll();
    }
}
