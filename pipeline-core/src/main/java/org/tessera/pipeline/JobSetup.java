package org.tessera.pipeline;

import org.tessera.imaging.Band;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.spectral.ChannelGroup;

import java.util.List;

/**
 * What the partitioner learned from the whole MS and every later stage needs: the parts, the
 * imaged field, the band for the FITS headers, the data column resolved once for all parts and
 * each part's w range (the controller merges them into the one gridding plan of the job).
 * A {@code -channels-out} cube is a parent job that partitions and one job per channel group that images: a group's
 * setup names the parent (whose parts it grids and under whose results it writes) and its group.
 *
 * @param groups    the channel groups of {@code -channels-out} (one for a run without it)
 * @param group     the channels this job images; null: every channel
 * @param parentJob the job whose parts this one grids and whose results it writes; null: this job
 */
public record JobSetup(int parts, String mode, int fieldId, double raRad, double decRad, double freqHz,
                       double bandwidthHz, String dataColumn, long rows, List<Long> partVisibilities,
                       List<WRange> partWRanges, List<ChannelGroup> groups, ChannelGroup group, String parentJob) {

    /** The setup of the job that images {@code g} of the cube {@code parent}. */
    public JobSetup forGroup(String parent, ChannelGroup g) {
        return new JobSetup(parts, mode, fieldId, raRad, decRad, g.band().centreHz(), g.band().widthHz(), dataColumn,
                rows, partVisibilities, partWRanges, groups, g, parent);
    }

    /** The job whose parts and results these are. */
    public String partsJob(String job) {
        return parentJob != null ? parentJob : job;
    }

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
