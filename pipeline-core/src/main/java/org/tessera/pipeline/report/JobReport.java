package org.tessera.pipeline.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * HTClean's after-the-fact plots of a job, as PNGs: the concurrency plot (tasks over time, a track per
 * replica, coloured by stage, transfers in grey) and the major-cycle plot (peak residual, thresholds and
 * model flux per cycle). Drawn from what {@code /api/jobs/<id>} answers, with the job page's colours.
 */
public final class JobReport {
    private static final Map<String, Color> STAGE_COLOURS = Map.of("partition", new Color(0x8c564b),
            "weights", new Color(0x9467bd), "image", new Color(0x1f77b4), "clean", new Color(0xd62728),
            "residual", new Color(0xff7f0e), "restore", new Color(0x2ca02c));
    private static final Color TRANSFER = new Color(0xb0b0b0);

    private JobReport() {
    }

    /** Writes {@code <job>-concurrency.png} and {@code <job>-cycles.png} into {@code dir}; returns them. */
    public static List<Path> write(Map<String, Object> job, Path dir) throws IOException {
        Files.createDirectories(dir);
        String id = (String) job.get("id");
        Path concurrency = dir.resolve(id + "-concurrency.png");
        Path cycles = dir.resolve(id + "-cycles.png");
        ChartUtils.saveChartAsPNG(concurrency.toFile(), concurrency(job), 1200, 500);
        ChartUtils.saveChartAsPNG(cycles.toFile(), cycles(job), 900, 500);
        return List.of(concurrency, cycles);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> job, String key) {
        return (List<Map<String, Object>>) job.get(key);
    }

    static JFreeChart concurrency(Map<String, Object> job) {
        List<Map<String, Object>> tasks = list(job, "tasks");
        long t0 = ((Number) job.get("created")).longValue();
        long now = ((Number) job.get("now")).longValue();
        TreeSet<String> laneNames = new TreeSet<>();
        tasks.forEach(t -> laneNames.add(lane(t)));
        List<String> lanes = new ArrayList<>(laneNames);
        Map<String, XYIntervalSeries> byStage = new LinkedHashMap<>();
        XYIntervalSeries transfer = new XYIntervalSeries("transfer");
        for (Map<String, Object> t : tasks) {
            double start = (((Number) t.get("start")).longValue() - t0) / 1e3;
            double end = ((t.get("end") instanceof Number e ? e.longValue() : now) - t0) / 1e3;
            double download = ((Number) t.get("downloadSeconds")).doubleValue();
            double upload = ((Number) t.get("uploadSeconds")).doubleValue();
            int y = lanes.indexOf(lane(t));
            double computeStart = Math.min(end, start + download);
            double computeEnd = Math.max(computeStart, end - upload);
            byStage.computeIfAbsent((String) t.get("stage"), XYIntervalSeries::new)
                    .add(computeStart, computeStart, computeEnd, y, y - 0.4, y + 0.4);
            if (download > 0) {
                transfer.add(start, start, computeStart, y, y - 0.4, y + 0.4);
            }
            if (upload > 0) {
                transfer.add(computeEnd, computeEnd, end, y, y - 0.4, y + 0.4);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        byStage.values().forEach(data::addSeries);
        data.addSeries(transfer);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardXYBarPainter());
        int i = 0;
        for (String stage : byStage.keySet()) {
            renderer.setSeriesPaint(i++, STAGE_COLOURS.getOrDefault(stage, Color.DARK_GRAY));
        }
        renderer.setSeriesPaint(i, TRANSFER);
        NumberAxis time = new NumberAxis("seconds since submission");
        SymbolAxis replicas = new SymbolAxis("replica · concurrent task", lanes.toArray(new String[0]));
        XYPlot plot = new XYPlot(data, time, replicas, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Job " + job.get("id") + ": tasks over time", plot);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String lane(Map<String, Object> t) {
        return t.get("host") + " · " + (((Number) t.get("slot")).intValue() + 1);
    }

    static JFreeChart cycles(Map<String, Object> job) {
        XYSeries peak = new XYSeries("peak residual (Jy/beam)");
        XYSeries cycleThreshold = new XYSeries("cycle threshold (Jy/beam)");
        XYSeries threshold = new XYSeries("threshold (Jy/beam)");
        XYSeries flux = new XYSeries("model flux (Jy)");
        for (Map<String, Object> c : list(job, "cycles")) {
            int k = ((Number) c.get("majorCycle")).intValue();
            peak.add(k, (Number) c.get("peakResidual"));
            if (c.get("cycleThreshold") instanceof Number t && t.doubleValue() > 0) {
                cycleThreshold.add(k, t);
            }
            if (job.get("threshold") instanceof Number t && t.doubleValue() > 0) {
                threshold.add(k, t);
            }
            flux.add(k, (Number) c.get("modelFlux"));
        }
        XYSeriesCollection residuals = new XYSeriesCollection();
        residuals.addSeries(peak);
        residuals.addSeries(cycleThreshold);
        if (threshold.getItemCount() > 0) {
            residuals.addSeries(threshold);
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        lines.setSeriesPaint(0, STAGE_COLOURS.get("clean"));
        lines.setSeriesPaint(1, STAGE_COLOURS.get("residual"));
        lines.setSeriesPaint(2, Color.DARK_GRAY);
        lines.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0));
        lines.setSeriesStroke(2, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {2, 3}, 0));
        NumberAxis cycle = new NumberAxis("major cycle (0: dirty image)");
        cycle.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogAxis jyPerBeam = new LogAxis("Jy/beam");
        jyPerBeam.setNumberFormatOverride(new DecimalFormat("0.0##E0"));
        XYPlot plot = new XYPlot(residuals, cycle, jyPerBeam, lines);
        NumberAxis jy = new NumberAxis("model flux (Jy)");
        plot.setRangeAxis(1, jy);
        plot.setDataset(1, new XYSeriesCollection(flux));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer fluxLine = new XYLineAndShapeRenderer(true, true);
        fluxLine.setSeriesPaint(0, STAGE_COLOURS.get("image"));
        plot.setRenderer(1, fluxLine);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Job " + job.get("id") + ": major cycles", plot);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
