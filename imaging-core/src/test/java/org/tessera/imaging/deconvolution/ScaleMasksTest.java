package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;

/** The per-scale auto-masks: one bit per scale and pixel, joined by union, stored as an image and read back. */
class ScaleMasksTest {
    @Test
    void eachScaleKeepsItsOwnCentres() {
        ScaleMasks masks = ScaleMasks.empty(8, 4);
        masks.add(0, 1, 1);
        masks.add(3, 1, 1);
        masks.add(3, 7, 3);
        ScaleMasks later = ScaleMasks.empty(8, 4);
        later.add(1, 2, 0);
        later.add(3, 1, 1);
        masks.addAll(later);
        assertEquals(1, masks.count(0));
        assertEquals(1, masks.count(1));
        assertEquals(0, masks.count(2));
        assertEquals(2, masks.count(3));
        assertTrue(masks.holds(3, 3 * 8 + 7));
        assertFalse(masks.holds(0, 3 * 8 + 7), "scale 0 has no centre where only scale 3 has one");
        assertEquals(2, masks.mask(3).count());
        assertTrue(masks.mask(1).allows(2, 0));
        ScaleMasks read = ScaleMasks.of(masks.image());
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 32; i++) {
                assertEquals(masks.holds(s, i), read.holds(s, i), "scale " + s + " pixel " + i);
            }
        }
    }

    @Test
    void theHighestScaleBitSurvivesTheImage() {
        ScaleMasks masks = ScaleMasks.empty(2, 2);
        masks.add(ScaleMasks.MAX_SCALES - 1, 1, 1);
        masks.add(0, 1, 1);
        ScaleMasks read = ScaleMasks.of(masks.image());
        assertTrue(read.holds(ScaleMasks.MAX_SCALES - 1, 3));
        assertTrue(read.holds(0, 3));
        assertEquals(0, read.count(1));
        assertThrows(IllegalArgumentException.class, () -> masks.add(ScaleMasks.MAX_SCALES, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> masks.addAll(ScaleMasks.of(new Image(3, 2))));
        assertEquals(0, ScaleMasks.empty(2, 2).mask(4).count(), "a scale without components allows nothing");
    }
}
