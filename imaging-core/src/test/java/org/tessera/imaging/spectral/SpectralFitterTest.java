package org.tessera.imaging.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.casacore.ms.SpectralWindow;
import org.tessera.imaging.ParameterException;

/** WSClean's spectral fits and channel division, against values worked out by hand. */
class SpectralFitterTest {
    private static final double[] FREQS = {120e6, 140e6, 160e6, 180e6};

    @Test
    void theReferenceFrequencyIsTheWeightedMeanFrequency() {
        SpectralFitter f = new SpectralFitter(new SpectralFit(SpectralFit.Mode.POLYNOMIAL, 2), FREQS,
                new double[] {1, 1, 1, 3});
        assertEquals((120e6 + 140e6 + 160e6 + 3 * 180e6) / 6, f.referenceHz(), 1e-6);
    }

    @Test
    void aPolynomialOfKTermsInNuOverNu0MinusOneIsFittedExactly() {
        SpectralFitter f = new SpectralFitter(new SpectralFit(SpectralFit.Mode.POLYNOMIAL, 3), FREQS,
                new double[] {1, 2, 1, 2});
        double[] values = new double[4];
        for (int i = 0; i < 4; i++) {
            double x = FREQS[i] / f.referenceHz() - 1;
            values[i] = 2.0 - 3.0 * x + 0.5 * x * x;
        }
        assertArrayEquals(new double[] {2.0, -3.0, 0.5}, f.terms(values), 1e-9);
    }

    @Test
    void aLinearFitOfACurvedSpectrumIsItsWeightedLeastSquaresLine() {
        SpectralFitter f = new SpectralFitter(new SpectralFit(SpectralFit.Mode.POLYNOMIAL, 2), FREQS,
                new double[] {1, 1, 1, 1});
        double[] values = {4, 1, 1, 4};
        // symmetric about the reference (150 MHz): slope 0, the mean 2.5
        f.fitAndEvaluate(values);
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, values, 1e-9);
    }

    @Test
    void aLogPolynomialRecoversAPowerLawAndItsCurvature() {
        SpectralFitter f = new SpectralFitter(new SpectralFit(SpectralFit.Mode.LOG_POLYNOMIAL, 3), FREQS,
                new double[] {1, 1, 1, 1});
        double[] values = new double[4];
        for (int i = 0; i < 4; i++) {
            double l = Math.log10(FREQS[i] / f.referenceHz());
            values[i] = -0.8 * Math.pow(FREQS[i] / f.referenceHz(), -0.7 + 0.3 * l);
        }
        double[] terms = f.terms(values);
        assertArrayEquals(new double[] {-0.8, -0.7, 0.3}, terms, 1e-9);
        assertEquals(values[2], f.evaluate(terms, FREQS[2]), 1e-12);
    }

    @Test
    void channelsAreDividedAsWscleanDividesThem() {
        double[] freqs = new double[10];
        double[] widths = new double[10];
        for (int c = 0; c < 10; c++) {
            freqs[c] = 100e6 + c * 1e6;
            widths[c] = 1e6;
        }
        List<SpectralWindow> spw = List.of(new SpectralWindow(0, "", freqs, widths, 100e6));
        List<ChannelGroup> groups = ChannelGroups.of(spw, new SpectralParameters(3, 1, 9, false, SpectralFit.NONE),
                "x.ms");
        // channels 1..8: k*8/3 = 0, 2, 5 → groups {1,2}, {3,4,5}, {6,7,8}
        assertEquals(List.of(2, 3, 3), groups.stream().map(ChannelGroup::channels).toList());
        assertEquals(101.5e6, groups.get(0).band().centreHz(), 1e-3);
        assertEquals(2e6, groups.get(0).band().widthHz(), 1e-3);
        assertEquals(107e6, groups.get(2).band().centreHz(), 1e-3);
        assertEquals(3e6, groups.get(2).band().widthHz(), 1e-3);
        ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(ParameterException.class,
                () -> ChannelGroups.of(spw, new SpectralParameters(11, 0, -1, false, SpectralFit.NONE), "x.ms"));
        assertEquals("x.ms: -channels-out 11 asks for more groups than the 10 channels selected", e.getMessage());
    }
}
