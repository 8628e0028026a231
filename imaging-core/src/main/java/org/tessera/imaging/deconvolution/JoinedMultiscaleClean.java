package org.tessera.imaging.deconvolution;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.tessera.imaging.Image;

/**
 * WSClean's multiscale minor cycle across the channel groups of a {@code -join-channels} run: scales, biases and
 * gains come from the MFS PSF, and scales and pixels are chosen on the MFS residual convolved with each scale's
 * kernel ({@link MultiscaleClean}'s loop). A scale's sub-minor loop convolves every group's residual with its
 * kernel, takes each group's value at the peak, smooths those values with the spectral fit, and subtracts each
 * group's own PSF ⊛ kernel ⊛ kernel; afterwards each group's residual loses its own PSF ⊛ kernel ⊛ components and
 * its model gains the kernel-shaped components.
 */
public final class JoinedMultiscaleClean {
    /** Each group PSF's versions of the MFS scales, kept while that PSF lives (the in-process run keeps its PSFs). */
    private static final Map<Image, Map<Scale, Scale>> GROUP_SCALES = Collections.synchronizedMap(new WeakHashMap<>());

    private JoinedMultiscaleClean() {
    }

    /**
     * @param residuals   the groups' residuals, updated in place
     * @param psfs        the groups' PSFs, peak 1 at (width/2, height/2)
     * @param models      the groups' models, updated in place
     * @param weights     the groups' MFS weights, summing to 1
     * @param mfsResidual Σ weight × residual, kept so in place
     * @param mfsPsf      Σ weight × PSF, from which the scales are made
     * @param fit         replaces a component's values across the groups by the spectral fit's values
     * @param scaleMasks  each scale's own auto-mask to stay inside (null: none)
     */
    public static MinorCycleResult run(MultiscaleParameters parameters, List<Image> residuals, List<Image> psfs,
                                       List<Image> models, double[] weights, Image mfsResidual, Image mfsPsf,
                                       PsfInfo mfsPsfInfo, Consumer<double[]> fit, MinorCycleControls controls,
                                       CleanMask mask, ScaleMasks scaleMasks, double modelFluxBefore) {
        Groups groups = new Groups(residuals, psfs, models, weights, mfsResidual, fit);
        return new MultiscaleClean(parameters).run(groups, mfsPsf, mfsPsfInfo, controls, mask, null, scaleMasks,
                modelFluxBefore);
    }

    private record Groups(List<Image> residuals, List<Image> psfs, List<Image> models, double[] weights, Image mfs,
                          Consumer<double[]> fit) implements MultiscaleClean.Targets {
        @Override
        public Image integrated() {
            return mfs;
        }

        @Override
        public SubMinorLoop.Outcome clean(Scale chosen, ActiveSet active, double gain, int maxIterations,
                                          double threshold, double activeThreshold) {
            int n = residuals.size();
            Scale[] own = new Scale[n];
            ActiveSet[] sets = new ActiveSet[n];
            for (int g = 0; g < n; g++) {
                own[g] = groupScale(psfs.get(g), chosen);
                sets[g] = active.sameCells(values(convolved(chosen, residuals.get(g)), active));
            }
            Image twice = chosen.twiceConvolvedPsf;
            double perValue = gain / twice.get(twice.width / 2, twice.height / 2);
            SubMinorLoop.Outcome outcome = new JoinedSubMinorLoop(active, sets, own, weights, fit)
                    .run(perValue, maxIterations, threshold, activeThreshold);
            for (int g = 0; g < n; g++) {
                ActiveSet set = sets[g];
                for (int i = 0; i < set.size(); i++) {
                    if (set.modelChange[i] != 0) {
                        own[g].addComponent(models.get(g), set.x[i], set.y[i], set.modelChange[i]);
                        // the MFS set records where components went, as for one image
                        active.modelChange[i] += weights[g] * set.modelChange[i];
                    }
                }
                own[g].subtractComponents(residuals.get(g), set);
            }
            double[] m = mfs.pixels;
            IntStream.range(0, mfs.height).parallel().forEach(y -> {
                for (int i = y * mfs.width; i < (y + 1) * mfs.width; i++) {
                    double sum = 0;
                    for (int g = 0; g < n; g++) {
                        sum += weights[g] * residuals.get(g).pixels[i];
                    }
                    m[i] = sum;
                }
            });
            return outcome;
        }
    }

    /** This group's residual convolved with the scale's kernel (the residual itself at scale 0). */
    private static Image convolved(Scale scale, Image residual) {
        return scale.search == null ? residual : scale.search.convolve(scale.search.spectrum(residual), scale.border);
    }

    private static double[] values(Image image, ActiveSet at) {
        double[] v = new double[at.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = image.pixels[at.y[i] * image.width + at.x[i]];
        }
        return v;
    }

    private static Scale groupScale(Image psf, Scale mfsScale) {
        Map<Scale, Scale> kept = GROUP_SCALES.computeIfAbsent(psf, p -> Collections.synchronizedMap(new HashMap<>()));
        return kept.computeIfAbsent(mfsScale, s -> s.forPsf(psf));
    }
}
