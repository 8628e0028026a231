package org.tessera.imaging.restore;

import org.tessera.imaging.Image;
import org.tessera.imaging.WscleanRules;

/**
 * The RESTORE stage's result: the beam fitted to the PSF (as WSClean fits it) and the model
 * convolved with it plus the residual.
 */
public record Restoration(Beam beam, Image restored) {
    /**
     * @param maxBaselineWavelengths the data's longest baseline, where WSClean starts the beam fit
     */
    public static Restoration of(Image psf, Image model, Image residual, double cellRad, double maxBaselineWavelengths) {
        Beam beam = WscleanRules.fitBeam(psf, cellRad, maxBaselineWavelengths);
        return new Restoration(beam, Restorer.restore(model, residual, beam, cellRad));
    }
}
