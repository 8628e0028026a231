package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.weighting.WeightDensity;

/**
 * The gather: sums the partial products of a stage in partition order. Partial images are
 * unnormalised with their sums of weights, so their sum is exactly what one gridder visiting
 * all the data would have made, and it is normalised once.
 */
public final class Gather {
    private final ObjectStore store;

    public Gather(ObjectStore store) {
        this.store = store;
    }

    public WeightDensity weights(String job, int parts) {
        WeightDensity sum = null;
        for (int p = 0; p < parts; p++) {
            WeightDensity d = WeightDensity.fromBytes(store.get(ObjectStore.WORK,
                    Keys.partial(job, Stage.WEIGHTS, 0, p, "weights")));
            if (sum == null) {
                sum = d;
            } else {
                sum.add(d);
            }
        }
        return sum;
    }

    public GriddedImage images(String job, Stage stage, int cycle, int parts, String name) {
        GriddedImage sum = null;
        for (int p = 0; p < parts; p++) {
            GriddedImage g = ImageBlob.fromBytes(store.get(ObjectStore.WORK, Keys.partial(job, stage, cycle, p, name)));
            sum = sum == null ? g : sum.plus(g);
        }
        return sum;
    }
}
