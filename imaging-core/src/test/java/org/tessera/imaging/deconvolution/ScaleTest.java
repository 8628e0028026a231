package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;

/** WSClean's automatic scales, and the scales an array without short spacings hardly measures left out. */
class ScaleTest {
    private static final int N = 256;

    /** A Gaussian main lobe of σ = 2 pixels, minus {@code deficit} × its flux spread as a Gaussian of σ = 6. */
    private static Image psf(double deficit) {
        Image p = new Image(N, N);
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double r2 = (x - N / 2) * (x - N / 2) + (y - N / 2) * (y - N / 2);
                p.set(x, y, Math.exp(-r2 / 8) - deficit * (4.0 / 36) * Math.exp(-r2 / 72));
            }
        }
        return p;
    }

    private static List<Double> sizes(List<Scale> scales) {
        return scales.stream().map(s -> s.size).toList();
    }

    @Test
    void automaticScalesDoubleFromFourTheoreticBeams() {
        List<Scale> scales = Scale.prepare(MultiscaleParameters.defaults(), psf(0), PsfInfo.of(psf(0), 3.0));
        assertEquals(List.of(0.0, 12.0, 24.0, 48.0, 96.0), sizes(scales));
        for (Scale s : scales) {
            assertTrue(s.psfPeak > 0 && Double.isFinite(s.psfPeak), "scale " + s.size);
        }
    }

    @Test
    void scalesWithoutShortSpacingsAreLeftOut() {
        // the deficit cancels the PSF's integral: the array measures no emission wider than about 6 pixels
        List<Scale> scales = Scale.prepare(MultiscaleParameters.defaults(), psf(1), PsfInfo.of(psf(1), 3.0));
        List<Double> kept = sizes(scales);
        System.out.println("scales kept without short spacings: " + kept);
        assertTrue(kept.contains(0.0), kept.toString());
        assertTrue(!kept.contains(96.0), "the 96-pixel scale should be left out: " + kept);
    }
}
