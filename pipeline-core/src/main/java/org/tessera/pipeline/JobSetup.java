package org.tessera.pipeline;

import org.tessera.imaging.Band;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.gridding.WRange;

import java.util.List;

/**
 * What the partitioner learned from the whole MS and every later stage needs: the parts, the
 * imaged field, the band for the FITS headers, the data column resolved once for all parts and
 * each part's w range (the controller merges them into the one gridding plan of the job).
 */
public record JobSetup(int parts, String mode, int fieldId, double raRad, double decRad, double freqHz,
                       double bandwidthHz, String dataColumn, long rows, List<Long> partVisibilities,
                       List<WRange> partWRanges) {

    public Band band() {
        return new Band(freqHz, bandwidthHz);
    }

    public ImageGeometry geometry(ImagingParameters p) {
        return new ImageGeometry(p.width(), p.height(), p.cellRad(), raRad, decRad);
    }

    /** The w range of the whole MS: what every gridder of the job plans for. */
    public WRange wRange() {
        return partWRanges.stream().reduce(WRange.EMPTY, WRange::merge);
    }
}
