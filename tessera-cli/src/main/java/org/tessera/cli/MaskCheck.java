package org.tessera.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.FitsMask;

/** A {@code -fits-mask} checked against the MS's phase centre and the image before any work or upload. */
final class MaskCheck {
    private MaskCheck() {
    }

    /** Nothing without a mask or for a tarball (the services check it then); a bad mask is a {@link UserError}. */
    static void check(Path ms, RunParameters run) {
        if (run.fitsMask() == null || !Files.isDirectory(ms)) {
            return;
        }
        Path mask = Path.of(run.fitsMask());
        if (!Files.isRegularFile(mask)) {
            throw new UserError("-fits-mask " + mask + " does not exist");
        }
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            Field field = set.fields().isEmpty() ? new Field(0, "", 0, 0) : set.fields().get(0);
            var p = run.imaging();
            FitsMask.read(mask, new ImageGeometry(p.width(), p.height(), p.cellRad(), field.raRad(), field.decRad()));
        } catch (ParameterException e) {
            throw new UserError(e.getMessage());
        }
    }
}
