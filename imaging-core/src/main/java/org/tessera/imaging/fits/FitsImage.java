package org.tessera.imaging.fits;

import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.restore.Beam;

/**
 * A FITS image read back: the first plane, its geometry, spectral axis, beam and unit.
 *
 * @param beam null when the header has no BMAJ/BMIN/BPA
 */
public record FitsImage(Image image, ImageGeometry geometry, double freqHz, double bandwidthHz, Beam beam,
                        String bunit) {
}
