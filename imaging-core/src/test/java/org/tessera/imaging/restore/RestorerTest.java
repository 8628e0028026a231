package org.tessera.imaging.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;

class RestorerTest {
    private static final double CELL = Math.toRadians(2.0 / 3600);
    private static final Beam BEAM = new Beam(6 * CELL, 3.5 * CELL, Math.toRadians(35));

    @Test
    void pointComponentBecomesTheBeamWithPeakEqualToFlux() {
        Image model = new Image(64, 48);
        model.set(20, 30, 2.5);
        Image residual = new Image(64, 48);
        residual.fill(0.01);
        Image restored = Restorer.restore(model, residual, BEAM, CELL);
        EllipticalGaussian g = BEAM.inPixels(CELL);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                assertEquals(0.01 + 2.5 * g.valueAt(x - 20, y - 30), restored.get(x, y), 1e-13);
            }
        }
        assertEquals(2.51, restored.get(20, 30), 1e-13);
    }

    @Test
    void restoredSourceIsElongatedAlongPositionAngle() {
        Image model = new Image(64, 64);
        model.set(32, 32, 1);
        Image eastWest = Restorer.convolve(model, new Beam(8 * CELL, 3 * CELL, Math.toRadians(90)), CELL);
        assertTrue(eastWest.get(35, 32) > 0.5 && eastWest.get(32, 35) < 0.1);
        Image northEast = Restorer.convolve(model, new Beam(8 * CELL, 3 * CELL, Math.toRadians(45)), CELL);
        // North-east is up (+y) and left (-x) when east is toward -x.
        assertTrue(northEast.get(30, 34) > 0.5 && northEast.get(34, 34) < 0.1);
    }

    @Test
    void fftAndDirectSumAgree() {
        Random random = new Random(3);
        Image model = new Image(70, 50);
        for (int i = 0; i < 300; i++) {
            model.set(random.nextInt(70), random.nextInt(50), random.nextGaussian());
        }
        EllipticalGaussian g = BEAM.inPixels(CELL);
        int radius = g.supportRadius();
        Image direct = Restorer.convolveDirect(model, g, radius);
        Image fft = Restorer.convolveFft(model, g, radius);
        for (int i = 0; i < direct.pixels.length; i++) {
            assertEquals(direct.pixels[i], fft.pixels[i], 1e-12);
        }
    }

    @Test
    void goodFftSizes() {
        assertEquals(64, Restorer.goodFftSize(64));
        assertEquals(75, Restorer.goodFftSize(73));
        assertEquals(4320, Restorer.goodFftSize(4097));
    }
}
