package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.Stage;

class DeconvolverTest {
    private static final Image PSF = SyntheticSky.uvCoveragePsf(96, 96, 21);

    private static Image dirty() {
        Image dirty = new Image(96, 96);
        SyntheticSky.addShiftedPsf(dirty, PSF, 48, 48, 1.0);
        SyntheticSky.addShiftedPsf(dirty, PSF, 30, 60, 0.4);
        SyntheticSky.addShiftedPsf(dirty, PSF, 70, 20, -0.2);
        return dirty;
    }

    private static IterationParameters parameters() {
        return IterationParameters.builder().niter(5000).threshold(0.002).cycleniter(200).build();
    }

    @Test
    void cleansToThresholdAndKeepsRecords() {
        Image dirty = dirty();
        DeconvolutionResult result = Deconvolver.run(dirty, PSF, SyntheticSky.exactPredictor(dirty, PSF), parameters());
        IterationState state = result.state();
        assertEquals(StopCode.THRESHOLD, state.stopCode());
        assertTrue(ResidualStats.of(result.residual()).peakResidual() <= 0.002 * 1.01);
        assertEquals(1.2, state.modelFlux(), 0.012);
        assertEquals(state.majorCyclesDone(), state.cycles().size());
        int cumulative = 0;
        for (CycleRecord r : state.cycles()) {
            cumulative += r.iterations();
            assertEquals(cumulative, r.cumulativeIterations());
            assertTrue(r.peakResidualAfterMajor() != null);
        }
        assertEquals(state.iterationsDone(), cumulative);
        assertTrue(state.cycles().size() >= 2, "several major cycles");
    }

    @Test
    void savedAndLoadedStateContinuesIdentically(@TempDir Path dir) throws Exception {
        Image dirty = dirty();
        ResidualPredictor predictor = SyntheticSky.exactPredictor(dirty, PSF);
        DeconvolutionResult straight = Deconvolver.run(dirty, PSF, predictor, parameters());

        // Two cycles the way the distributed pipeline runs them, then save, load and continue.
        IterationController controller = new IterationController();
        PsfInfo psfInfo = PsfInfo.of(PSF);
        IterationState state = IterationState.start(parameters());
        Image model = new Image(96, 96);
        Image residual = dirty.copy();
        for (int cycle = 0; cycle < 2; cycle++) {
            ResidualStats stats = ResidualStats.of(residual);
            assertTrue(!controller.checkStop(state, stats).stop());
            MinorCycleControls controls = controller.controls(state, stats, psfInfo);
            state.recordMinorCycle(controls, controller.runMinorCycle(residual, PSF, model, controls));
            residual = predictor.residual(model);
            state.recordMajorCycle();
        }
        Path saved = dir.resolve("state.json");
        Files.writeString(saved, state.toJson());
        IterationState loaded = IterationState.fromJson(Files.readString(saved));
        assertEquals(state.toJson(), loaded.toJson());

        DeconvolutionResult resumed = Deconvolver.run(residual, PSF, psfInfo, predictor, loaded, model, null);
        assertArrayEquals(straight.model().pixels, resumed.model().pixels, 0.0);
        assertEquals(straight.state().toJson(), resumed.state().toJson());
    }

    @Test
    void runSummaryIsWrittenAsJson(@TempDir Path dir) throws Exception {
        Image dirty = dirty();
        DeconvolutionResult result = Deconvolver.run(dirty, PSF, SyntheticSky.exactPredictor(dirty, PSF),
                parameters().toBuilder().niter(50).build());
        RunSummary summary = new RunSummary();
        summary.parameters.put("niter", 50);
        summary.sumOfWeights = 1234.5;
        summary.beam = new Beam(1e-4, 5e-5, 0.3);
        summary.setIteration(result.state());
        for (double seconds : new double[] {1.5, 0.5}) {
            summary.addStage(RunSummary.StageRecord.of(Stage.RESIDUAL, 0, seconds));
        }
        summary.visibilitiesUsed = 1000;
        Path file = dir.resolve("summary.json");
        summary.write(file);
        RunSummary back = RunSummary.read(file);
        assertEquals(1, back.stopCode);
        assertEquals("iteration limit", back.stopWords);
        assertEquals(2.0, back.stageSeconds.get("residual"), 0);
        assertEquals(summary.beam, back.beam);
        assertEquals(summary.cycles, back.cycles);
        assertTrue(Files.readString(file).contains("\n  \"sumOfWeights\""), "pretty printed");
    }

    @Test
    void robustRmsOfGaussianNoise() {
        java.util.Random random = new java.util.Random(1);
        double[] noise = new double[100001];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.3 * random.nextGaussian() + 5;
        }
        noise[17] = 1e6;
        assertEquals(0.3, ResidualStats.robustRms(noise), 0.006);
        double[] sorted = noise.clone();
        java.util.Arrays.sort(sorted);
        assertEquals(sorted[50000], ResidualStats.median(noise.clone()), 0);
        double[] even = java.util.Arrays.copyOf(noise, 1000);
        double[] evenSorted = even.clone();
        java.util.Arrays.sort(evenSorted);
        assertEquals(0.5 * (evenSorted[499] + evenSorted[500]), ResidualStats.median(even), 0);
    }

    @Test
    void psfSidelobeLevel() {
        PsfInfo info = PsfInfo.of(PSF);
        double min = Double.POSITIVE_INFINITY;
        for (double v : PSF.pixels) {
            min = Math.min(min, v);
        }
        assertTrue(info.maxPsfSidelobe() >= -min);
        assertTrue(info.maxPsfSidelobe() > 0.05 && info.maxPsfSidelobe() < 0.9, "sidelobe " + info.maxPsfSidelobe());
    }
}
