package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.imaging.Image;
import org.tessera.imaging.Imager;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.TreeCopy;
import org.tessera.testsupport.Wsclean;

/**
 * Dirty image and PSF against WSClean 3.1 ({@code -use-wgridder -no-small-inversion
 * -wgridder-accuracy 1e-5}) on real data, same size, scale and weighting: rms(difference) must be
 * at most 1e-4 of WSClean's peak. Uniform and Briggs agree only with WSClean's weight grid (the
 * padded image) and its default rank filter.
 */
class WscleanComparisonTest {
    private static final int SIZE = 512;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        // MWA at 1 arcmin: 8.5° across, wide-field w-terms (|w| to 1105 m)
        "mwa-pupa.ms, 1, natural, 0",
        "mwa-pupa.ms, 1, uniform, 0",
        "mwa-pupa.ms, 1, briggs, 0",
        // VLA at 36 GHz, 0.5 arcsec: 4.3 arcmin, about three primary beams
        "vla-tdem0003.ms, 0.008333333333333333, natural, 0",
        "vla-tdem0003.ms, 0.008333333333333333, uniform, 0",
        "vla-tdem0003.ms, 0.008333333333333333, briggs, 0",
    })
    void dirtyAndPsfAgreeWithWsclean(String msName, double scaleArcmin, String weighting, double robust)
            throws Exception {
        Path shared = SharedMs.require(msName);
        Wsclean.assumeInstalled();
        Path ms = TreeCopy.writable(shared, dir.resolve(shared.getFileName()));
        String reference = dir.resolve("wsclean").toString();
        List<String> options = new ArrayList<>(List.of("-wgridder-accuracy", "1e-5", "-size", "" + SIZE, "" + SIZE,
                "-scale", scaleArcmin + "amin", "-make-psf", "-weight", weighting));
        if (weighting.equals("briggs")) {
            options.add(Double.toString(robust));
        }
        WscleanRunner.run(ms, reference, options.toArray(String[]::new));

        ImagingParameters parameters = new ImagingParameters(SIZE, SIZE, Math.toRadians(scaleArcmin / 60),
                weighting, robust, null, 1e-5, 2, IterationParameters.builder().niter(0).build());
        String prefix = dir.resolve("tessera").toString();
        new Imager(parameters, line -> { }).run(shared, prefix);

        for (String kind : new String[] {"dirty", "psf"}) {
            Image expected = FitsImageReader.read(Path.of(reference + "-" + kind + ".fits")).image();
            Image actual = FitsImageReader.read(Path.of(prefix + "-" + kind + ".fits")).image();
            assertEquals(expected.width, actual.width);
            assertEquals(expected.height, actual.height);
            double peak = expected.maxAbs();
            double sumSq = 0;
            for (int i = 0; i < expected.pixels.length; i++) {
                double d = actual.pixels[i] - expected.pixels[i];
                sumSq += d * d;
            }
            double ratio = Math.sqrt(sumSq / expected.pixels.length) / peak;
            System.out.printf("WSClean vs Tessera, %s %s %s %s: rms(diff)/peak = %.3g (peak %.6g)%n", msName,
                    weighting, weighting.equals("briggs") ? robust : "", kind, ratio, peak);
            assertTrue(ratio <= 1e-4, kind + ": rms(diff)/peak " + ratio);
        }
    }
}
