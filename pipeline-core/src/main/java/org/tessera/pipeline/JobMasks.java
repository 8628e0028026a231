package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.deconvolution.CleanMask;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.deconvolution.ScaleMasks;
import org.tessera.imaging.fits.FitsMask;
import org.tessera.imaging.sequence.ImagingSequence;

/**
 * A job's clean masks in the work bucket: the user's {@code -fits-mask} (an input object named by the job,
 * checked against the image once and kept as {@code gathered/mask.bin}) and the auto-mask, the support of the
 * model stored after the minor cycle at which the auto-mask level was reached. The controller's stop checks and
 * the clean task read them the same way. A multiscale job with {@code -auto-mask} also keeps its per-scale masks,
 * stored after every minor cycle next to the model, and each clean task continues from the previous cycle's.
 */
final class JobMasks {
    static final String USER_MASK = "mask";

    private JobMasks() {
    }

    /** Reads and checks the job's {@code -fits-mask} object, and keeps it as an image; a bad one fails the job. */
    static void storeUserMask(ObjectStore store, String job, RunParameters params, JobSetup setup) {
        if (params.fitsMask() == null) {
            return;
        }
        String object = params.fitsMask();
        int slash = object.indexOf('/');
        if (slash <= 0 || !store.exists(object.substring(0, slash), object.substring(slash + 1))) {
            throw new JobFailure("no -fits-mask object at '" + object + "' (expected bucket/key)");
        }
        try {
            CleanMask mask = FitsMask.read(store.get(object.substring(0, slash), object.substring(slash + 1)),
                    object, setup.geometry(params.imaging()));
            store.put(ObjectStore.WORK, Keys.gathered(job, USER_MASK), ImageBlob.toBytes(mask.toImage(), 0));
        } catch (ParameterException e) {
            throw new JobFailure(e.getMessage(), e);
        }
    }

    /**
     * The per-scale masks before minor cycle {@code cycle}: the previous cycle's, empty before the first; null when
     * the job keeps none.
     */
    static ScaleMasks scaleMasks(ObjectStore store, String job, IterationState state, int cycle, Image like) {
        ScaleMasks empty = ImagingSequence.newScaleMasks(state.parameters(), like);
        if (empty == null || cycle == 0) {
            return empty;
        }
        return ScaleMasks.of(ImageBlob.image(store.get(ObjectStore.WORK, Keys.scaleMasks(job, cycle - 1))));
    }

    /** Keeps the per-scale masks after minor cycle {@code cycle} (nothing when the job keeps none). */
    static void storeScaleMasks(ObjectStore store, String job, int cycle, ScaleMasks masks) {
        if (masks != null) {
            store.put(ObjectStore.WORK, Keys.scaleMasks(job, cycle), ImageBlob.toBytes(masks.image(), 0));
        }
    }

    /** The mask in force for {@code state}'s next minor cycle and stop check; null when there is none. */
    static CleanMask current(ObjectStore store, String job, IterationState state) {
        String userKey = Keys.gathered(job, USER_MASK);
        CleanMask user = store.exists(ObjectStore.WORK, userKey)
                ? CleanMask.of(ImageBlob.image(store.get(ObjectStore.WORK, userKey))) : null;
        return ImagingSequence.mask(state, user, () -> {
            int cycles = state.autoMaskCycles();
            if (cycles == 0) {
                Image psf = ImageBlob.image(store.get(ObjectStore.WORK, Keys.gathered(job, "psf")));
                return new Image(psf.width, psf.height);
            }
            return ImageBlob.image(store.get(ObjectStore.WORK, Keys.model(job, cycles - 1)));
        });
    }
}
