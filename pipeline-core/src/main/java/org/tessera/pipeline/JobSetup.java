package org.tessera.pipeline;

import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;

import java.util.List;

/**
 * What the partitioner learned from the whole MS and every later stage needs: the parts, the
 * imaged field, the band for the FITS headers and the data column resolved once for all parts.
 */
public record JobSetup(int parts, String mode, int fieldId, double raRad, double decRad, double freqHz,
                       double bandwidthHz, String dataColumn, long rows, List<Long> partVisibilities) {

    public ImageGeometry geometry(ImagingParameters p) {
        return new ImageGeometry(p.width(), p.height(), p.cellRad(), raRad, decRad);
    }
}
