package org.tessera.imaging.spectral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tessera.imaging.Band;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.deconvolution.ResidualStats;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.fits.FitsImageWriter;
import org.tessera.imaging.fits.RunImages;
import org.tessera.imaging.restore.Restoration;
import org.tessera.imaging.restore.Restorer;

/**
 * The images a {@code -channels-out N > 1} run writes beside its groups' own: {@code PREFIX-MFS-psf/-dirty/-model/
 * -residual.fits} (the groups' images averaged with their imaging weights, as WSClean's MFS images), {@code
 * PREFIX-MFS-image.fits} (the MFS model restored with the beam fitted to the MFS PSF, on the MFS residual),
 * {@code PREFIX-cube-image.fits} (the groups' restored images as one FITS cube) and, for a polynomial fit of two
 * or more terms, {@code PREFIX-MFS-alpha.fits}.
 */
public final class WidebandImages {
    /** MFS-alpha is given where the MFS restored image is above this many robust σ of the MFS residual. */
    public static final double ALPHA_SIGMA = 5;

    private WidebandImages() {
    }

    /** One group's images, and its sum of imaging weights (its MFS weight). */
    public record Products(Image psf, Image dirty, Image model, Image residual, Restoration restoration,
                           double sumWeights) {
    }

    /**
     * The MFS sums, fed one group at a time (a cube's groups need not all be in memory); the groups' models are
     * kept only when MFS-alpha needs them.
     */
    public static final class Accumulator {
        private final Mfs.Sum psf;
        private final Mfs.Sum dirty;
        private final Mfs.Sum model;
        private final Mfs.Sum residual;
        private final List<Double> weights = new ArrayList<>();
        private final List<Image> models = new ArrayList<>();
        private final boolean keepModels;

        public Accumulator(int width, int height, boolean keepModels) {
            psf = new Mfs.Sum(width, height);
            dirty = new Mfs.Sum(width, height);
            model = new Mfs.Sum(width, height);
            residual = new Mfs.Sum(width, height);
            this.keepModels = keepModels;
        }

        public void add(Products p) {
            psf.add(p.psf(), p.sumWeights());
            dirty.add(p.dirty(), p.sumWeights());
            model.add(p.model(), p.sumWeights());
            residual.add(p.residual(), p.sumWeights());
            weights.add(p.sumWeights());
            if (keepModels) {
                models.add(p.model());
            }
        }
    }

    /**
     * @param groupImages the groups' restored images ({@code PREFIX-000k-image.fits}), read one at a time for the
     *                    cube
     */
    public static void write(String prefix, ImageGeometry geometry, List<ChannelGroup> groups, Accumulator sums,
                             List<Path> groupImages, double maxBaselineWavelengths, SpectralFit fit, int threads,
                             Consumer<String> log) throws IOException {
        Image psf = sums.psf.mean();
        Image model = sums.model.mean();
        Image residual = sums.residual.mean();
        Restoration restoration = Restoration.of(psf, model, residual, geometry.cellRad(), maxBaselineWavelengths);
        Band first = groups.get(0).band();
        Band last = groups.get(groups.size() - 1).band();
        double low = Math.min(first.centreHz() - first.widthHz() / 2, last.centreHz() - last.widthHz() / 2);
        double high = Math.max(first.centreHz() + first.widthHz() / 2, last.centreHz() + last.widthHz() / 2);
        Band band = new Band((low + high) / 2, high - low);
        RunImages.write(prefix + "-MFS", geometry, band, psf, sums.dirty.mean(), model, residual, restoration,
                threads);
        log.accept(String.format("MFS image: peak %.6g Jy/beam at %.6g MHz", restoration.restored().maxAbs(),
                band.centreHz() / 1e6));

        double step = groups.size() > 1 ? (last.centreHz() - first.centreHz()) / (groups.size() - 1) : first.widthHz();
        FitsImageWriter.writeCube(Path.of(prefix + "-cube-image.fits"), groupImages.size(), k -> {
            try {
                return FitsImageReader.read(groupImages.get(k)).image();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, geometry, first.centreHz(), step, restoration.beam(), FitsImageWriter.UNIT_RESTORED);

        if (fit.mode() == SpectralFit.Mode.POLYNOMIAL && fit.terms() >= 2 && sums.keepModels) {
            double[] weights = Mfs.normalised(sums.weights.stream().mapToDouble(Double::doubleValue).toArray());
            SpectralFitter fitter = new SpectralFitter(fit, groups.stream().mapToDouble(g -> g.band().centreHz())
                    .toArray(), weights);
            Image alpha = alpha(sums.models, fitter, residual, restoration, geometry.cellRad());
            FitsImageWriter.write(Path.of(prefix + "-MFS-alpha.fits"), alpha, geometry, fitter.referenceHz(),
                    band.widthHz(), null, "", Map.of());
        }
    }

    /**
     * The spectral index at the fit's reference frequency: per pixel the groups' model values give the polynomial's
     * terms a₀ and a₁ (a least-squares fit is linear, so the terms of a sum of components are the sums of theirs);
     * both restored with the MFS beam (a₀ on the MFS residual), α = a₁ / a₀, where the MFS restored image is above
     * {@link #ALPHA_SIGMA} σ; NaN elsewhere.
     */
    static Image alpha(List<Image> models, SpectralFitter fitter, Image mfsResidual, Restoration restoration,
                       double cellRad) {
        int n = mfsResidual.pixels.length;
        Image a0 = new Image(mfsResidual.width, mfsResidual.height);
        Image a1 = new Image(mfsResidual.width, mfsResidual.height);
        double[] values = new double[models.size()];
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (int g = 0; g < values.length; g++) {
                values[g] = models.get(g).pixels[i];
                any |= values[g] != 0;
            }
            if (any) {
                double[] terms = fitter.terms(values);
                a0.pixels[i] = terms[0];
                a1.pixels[i] = terms[1];
            }
        }
        Image r0 = Restorer.restore(a0, mfsResidual, restoration.beam(), cellRad);
        Image r1 = Restorer.convolve(a1, restoration.beam(), cellRad);
        double sigma = ResidualStats.robustRms(mfsResidual.pixels);
        Image alpha = new Image(a0.width, a0.height);
        double[] restored = restoration.restored().pixels;
        for (int i = 0; i < n; i++) {
            alpha.pixels[i] = restored[i] > ALPHA_SIGMA * sigma ? r1.pixels[i] / r0.pixels[i] : Double.NaN;
        }
        return alpha;
    }
}
