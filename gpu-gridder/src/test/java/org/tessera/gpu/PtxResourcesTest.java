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
            "wscreen", List.of("screen_accumulate_f32", "screen_accumulate_f64", "screen_fill_f32", "screen_fill_f64"),
            "tiles", List.of("tile_histogram", "tile_scan", "tile_scatter", "grid_tile_f32_w4", "grid_tile_f32_w8",
                    "degrid_tile_f32_w8", "grid_tile_f64_w16", "degrid_tile_f64_w16"),
            "fft", List.of("fft_columns_f32", "fft_rows_accumulate_f32", "fft_rows_fill_f32", "fft_lines_f32",
                    "fft_columns_f64", "fft_rows_accumulate_f64", "fft_rows_fill_f64", "fft_lines_f64"));

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

    /** Hopper gets compute_90 PTX and sm_90 machine code (a fatbin) beside the compute_75 fallback. */
    @Test
    void hopperImagesArePackaged() {
        for (String name : PtxModules.NAMES) {
            byte[] sm90 = PtxModules.resource("/ptx/" + name + ".sm90.ptx");
            assertTrue(sm90 != null && new String(sm90, StandardCharsets.US_ASCII).contains(".target sm_90"), name);
            byte[] fatbin = PtxModules.image(name, 9);
            // fatbin magic 0xBA55ED50, little-endian
            assertEquals(0x50, fatbin[0] & 0xff, name);
            assertEquals(0xED, fatbin[1] & 0xff, name);
            assertEquals(0x55, fatbin[2] & 0xff, name);
            assertEquals(0xBA, fatbin[3] & 0xff, name);
            assertTrue(new String(PtxModules.image(name, 8), StandardCharsets.US_ASCII).contains(".target sm_75"));
        }
        String report = new String(PtxModules.resource("/ptx/ptxas-sm90.txt"), StandardCharsets.US_ASCII);
        assertTrue(report.contains("Function properties for grid_tile_f32_w8"), "ptxas -v report packaged");
    }
}
