package org.tessera.imaging.preview;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Align;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.tessera.imaging.Angles;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.fits.FitsImage;
import org.tessera.imaging.restore.Beam;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PNG quick-look of an image as a FITS viewer shows it (north up, east left), drawn with JFreeChart:
 * RA and Dec offset axes from the phase centre in arcseconds, a colour bar in the image's unit and
 * the restoring beam as an ellipse in the lower left corner.
 */
public final class PngPreview {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 560;
    /** Anchors of the colour map (dark blue through teal to yellow, like viridis): readable in print and grey. */
    private static final Color[] MAP = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
        new Color(94, 201, 98), new Color(253, 231, 37)};

    private PngPreview() {
    }

    /** @param beam null to draw none (a dirty image, or a run that did not fit one) */
    public static byte[] bytes(Image image, ImageGeometry g, Beam beam, String title, String unit) throws IOException {
        double max = image.maxAbs() == 0 ? 1 : image.maxAbs();
        double min = Math.max(-max, Math.min(0, minimum(image)));
        LookupPaintScale scale = colours(min, max);
        BufferedImage pixels = new BufferedImage(image.width, image.height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                // pixel x grows westward (l decreases), so column 0 is east, on the left
                pixels.setRGB(x, image.height - 1 - y, ((Color) scale.getPaint(image.get(x, y))).getRGB());
            }
        }
        double cell = Math.toDegrees(g.cellRad()) * 3600;
        NumberAxis ra = new NumberAxis("RA offset (arcsec) from " + Angles.formatRa(g.raRad()));
        ra.setInverted(true);
        ra.setRange(-(g.width() - 1 - g.width() / 2 + 0.5) * cell, (g.width() / 2 + 0.5) * cell);
        NumberAxis dec = new NumberAxis("Dec offset (arcsec) from " + Angles.formatDec(g.decRad()));
        dec.setRange((-g.height() / 2 - 0.5) * cell, (g.height() - 1 - g.height() / 2 + 0.5) * cell);
        XYPlot plot = new XYPlot(null, ra, dec, new XYLineAndShapeRenderer());
        plot.setBackgroundImage(pixels);
        plot.setBackgroundImageAlignment(Align.FIT);
        plot.setBackgroundImageAlpha(1f);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (beam != null) {
            plot.addAnnotation(beamEllipse(beam, ra, dec));
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis bar = new NumberAxis(unit);
        bar.setRange(min, max);
        PaintScaleLegend legend = new PaintScaleLegend(scale, bar);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(14);
        legend.setMargin(new RectangleInsets(30, 8, 40, 8));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(chart.createBufferedImage(WIDTH, HEIGHT), "png", out);
        return out.toByteArray();
    }

    /** A FITS image's preview, with the geometry and beam of its header. */
    public static void write(FitsImage fits, Path path, String title) throws IOException {
        Files.write(path, bytes(fits.image(), fits.geometry(), fits.beam(), title, "Jy/beam"));
    }

    private static double minimum(Image image) {
        double min = Double.POSITIVE_INFINITY;
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                min = Math.min(min, image.get(x, y));
            }
        }
        return min;
    }

    private static LookupPaintScale colours(double min, double max) {
        LookupPaintScale scale = new LookupPaintScale(min, max, MAP[MAP.length - 1]);
        int steps = 256;
        for (int i = 0; i < steps; i++) {
            double t = i / (steps - 1.0) * (MAP.length - 1);
            int k = Math.min(MAP.length - 2, (int) t);
            double f = t - k;
            Color a = MAP[k];
            Color b = MAP[k + 1];
            scale.add(min + (max - min) * i / steps, new Color(mix(a.getRed(), b.getRed(), f),
                    mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f)));
        }
        return scale;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** The beam at its position angle (east of north) in the south-east corner, in the axes' arcseconds. */
    private static XYShapeAnnotation beamEllipse(Beam beam, NumberAxis ra, NumberAxis dec) {
        double major = beam.majorDeg() * 3600;
        double minor = beam.minorDeg() * 3600;
        double pad = Math.max(major, 0.06 * ra.getRange().getLength());
        double x0 = ra.getUpperBound() - pad;
        double y0 = dec.getLowerBound() + pad;
        Ellipse2D ellipse = new Ellipse2D.Double(x0 - minor / 2, y0 - major / 2, minor, major);
        // rotating by -PA takes north (0, 1) to (sin PA, cos PA): towards east, which is +RA
        var shape = AffineTransform.getRotateInstance(-beam.positionAngleRad(), x0, y0).createTransformedShape(ellipse);
        return new XYShapeAnnotation(shape, new BasicStroke(1.5f), Color.WHITE, new Color(255, 255, 255, 90));
    }
}
