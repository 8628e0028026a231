package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The PTX that nvcc built at build time is on the classpath with every kernel the host launches. */
class PtxResourcesTest {
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "gridding", List.of("grid_plane_f32", "grid_plane_f64"),
            "degridding", List.of("degrid_plane_f32", "degrid_plane_f64"),
            "wscreen", List.of("screen_accumulate_f32", "screen_accumulate_f64", "screen_fill_f32", "screen_fill_f64"));

    @Test
    void everyModuleIsPackagedWithItsEntries() {
        assertEquals(EXPECTED.keySet(), Set.copyOf(PtxModules.NAMES));
        for (String name : PtxModules.NAMES) {
            byte[] ptx = PtxModules.load(name);
            assertEquals(0, ptx[ptx.length - 1], "cuModuleLoadData needs a NUL-terminated image");
            String text = new String(ptx, StandardCharsets.US_ASCII);
            assertTrue(text.contains(".target sm_75"), name + ": PTX for compute_75, the oldest nvcc 13 accepts");
            assertTrue(text.contains(".version 9."), name + ": PTX ISA 9.x from nvcc 13 (needs a CUDA 13 driver)");
            assertTrue(PtxModules.entries(ptx).containsAll(EXPECTED.get(name)),
                    name + " entries " + PtxModules.entries(ptx));
        }
    }
}
