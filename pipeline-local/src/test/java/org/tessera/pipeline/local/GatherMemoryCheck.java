package org.tessera.pipeline.local;

import org.tessera.imaging.Image;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.Gather;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.PipelineConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in its own small-heap JVM by {@link GatherMemoryTest}: gathers K partial images of job
 * {@code args[0]} from the S3 of the environment's {@code TESSERA_*} settings and checks the sum;
 * {@code hold} first keeps every partial object, as a gather that holds K images would.
 * Prints the gather's seconds and the heap's peak; exits 0 when the sum is right.
 */
public final class GatherMemoryCheck {
    static final int SIZE = 1024;

    private GatherMemoryCheck() {
    }

    /** Partial p: pixel i = (p + 1) + 0.25 (i mod 7), sum of weights p + 1 (all exact in float). */
    static GriddedImage partial(int p) {
        Image image = new Image(SIZE, SIZE);
        for (int i = 0; i < image.pixels.length; i++) {
            image.pixels[i] = (p + 1) + 0.25 * (i % 7);
        }
        return new GriddedImage(image, p + 1);
    }

    public static void main(String[] args) {
        String job = args[0];
        int parts = Integer.parseInt(args[1]);
        boolean hold = args.length > 2 && args[2].equals("hold");
        ObjectStore store = PipelineConfig.from(System.getenv()).objectStore();
        List<byte[]> held = new ArrayList<>();
        long t0 = System.nanoTime();
        if (hold) {
            for (int p = 0; p < parts; p++) {
                held.add(store.get(ObjectStore.WORK, Keys.partial(job, Stage.IMAGE, 0, p, "dirty")));
            }
        }
        GriddedImage sum = new Gather(store).images(job, Stage.IMAGE, 0, parts, "dirty");
        double seconds = (System.nanoTime() - t0) / 1e9;
        double err = Math.abs(sum.sumWeights() - parts * (parts + 1) / 2.0);
        for (int i = 0; i < sum.image().pixels.length; i++) {
            double expected = parts * (parts + 1) / 2.0 + parts * 0.25 * (i % 7);
            err = Math.max(err, Math.abs(sum.image().pixels[i] - expected));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("gathered %d partial images of %dx%d in %.3f s, max error %.3g, peak heap %.1f MB"
                + " (one image %.1f MB)%s%n", parts, SIZE, SIZE, seconds, err, peak / 1e6, 8.0 * SIZE * SIZE / 1e6,
                held.isEmpty() ? "" : ", holding " + held.size());
        System.exit(err == 0 ? 0 : 1);
    }
}
