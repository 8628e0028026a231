package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.weighting.WeightDensity;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The gather: sums the partial products of a stage in partition order. Partial images are
 * unnormalised with their sums of weights, so their sum is exactly what one gridder visiting
 * all the data would have made, and it is normalised once.
 *
 * <p>Partial images are streamed into one sum in double: the next partial is downloaded while
 * the current one is added, so the gather holds the sum and two partial objects (float32: half
 * an image each), two images' worth for any number of partitions.
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
        ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gather-fetch-" + job);
            t.setDaemon(true);
            return t;
        });
        try {
            // partition 0 first, so that the others can be read into arrays of its size
            byte[] blob = store.get(ObjectStore.WORK, Keys.partial(job, stage, cycle, 0, name));
            int length = blob.length;
            int[] size = ImageBlob.size(blob);
            Image sum = new Image(size[0], size[1]);
            double sumWeights = 0;
            for (int p = 0; p < parts; p++) {
                int following = p + 1;
                Future<byte[]> next = following < parts ? fetcher.submit(() -> readExactly(Keys.partial(job, stage,
                        cycle, following, name), length)) : null;
                sumWeights += ImageBlob.addInto(blob, sum);
                blob = null;
                blob = next == null ? null : await(next);
            }
            return new GriddedImage(sum, sumWeights);
        } finally {
            fetcher.shutdownNow();
        }
    }

    /**
     * A partial image object of the first one's length, read into an array of that size (no
     * growing buffer, so a download holds one copy).
     */
    private byte[] readExactly(String key, int length) throws IOException {
        byte[] bytes = new byte[length];
        try (InputStream in = store.open(ObjectStore.WORK, key)) {
            int n = in.readNBytes(bytes, 0, length);
            if (n != length || in.read() != -1) {
                throw new IllegalStateException(ObjectStore.WORK + "/" + key + " is not a partial image of "
                        + length + " bytes like the first partition's");
            }
        }
        return bytes;
    }

    private static byte[] await(Future<byte[]> download) {
        try {
            return download.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gathering partial images", e);
        }
    }
}
