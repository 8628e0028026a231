package org.tessera.cli;

import org.tessera.imaging.RunParameters;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.JobState;

import java.io.PrintWriter;

/**
 * How {@code status --wait} and {@code image -partitions} show a job: on a terminal one line redrawn in
 * place (a bar of the stage's tasks, the major cycle, the peak residual and the time left), else a plain
 * line each time the progress changes.
 */
final class Progress {
    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private String last = "";

    private Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static Progress to(PrintWriter out) {
        return new Progress(out, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    void show(JobState s) {
        String line = terminal ? bar(s, System.currentTimeMillis()) : "  " + s.progress();
        if (line.equals(last)) {
            return;
        }
        if (terminal) {
            // pad over the longer line it replaces
            out.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
            if (s.stage.finished()) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
        last = line;
    }

    static String bar(JobState s, long now) {
        if (s.stage.finished()) {
            return "  " + s.progress();
        }
        int filled = s.tasksTotal == 0 ? 0 : BAR * s.tasksDone / s.tasksTotal;
        StringBuilder b = new StringBuilder("  [").append("#".repeat(filled)).append(".".repeat(BAR - filled))
                .append("] ").append(s.stage.key()).append(' ').append(s.tasksDone).append('/').append(s.tasksTotal);
        if (s.stage == Stage.CLEAN || s.stage == Stage.RESIDUAL) {
            b.append(", major cycle ").append(s.cycle + 1);
        }
        if (s.peakResidual != null) {
            b.append(String.format(", peak %.3g Jy/beam", s.peakResidual));
        }
        Double left = secondsLeft(s, now);
        if (left != null) {
            b.append(String.format(", ~%.0f s left", left));
        }
        return b.toString();
    }

    /**
     * The current stage's remaining tasks at the rate its done ones took, plus the mean time of the
     * finished major cycles (clean dispatched to residual gathered) for each one the job may still run
     * (nmiter bounds it; the clean may stop sooner on its threshold). Null before anything is measured.
     */
    static Double secondsLeft(JobState s, long now) {
        JobState.StageTimes current = s.current();
        if (current == null || s.tasksDone == 0) {
            return null;
        }
        double left = (now - current.dispatched) / 1e3 / s.tasksDone * (s.tasksTotal - s.tasksDone);
        int cyclesLeft = cyclesLeft(s);
        double cycleSeconds = 0;
        int cycles = 0;
        for (JobState.StageTimes residual : s.timeline) {
            if (residual.stage == Stage.RESIDUAL && residual.completed > 0) {
                for (JobState.StageTimes clean : s.timeline) {
                    if (clean.stage == Stage.CLEAN && clean.cycle == residual.cycle) {
                        cycleSeconds += (residual.completed - clean.dispatched) / 1e3;
                        cycles++;
                    }
                }
            }
        }
        if (cycles > 0 && cyclesLeft > 0) {
            left += cycleSeconds / cycles * cyclesLeft;
        }
        return left;
    }

    private static int cyclesLeft(JobState s) {
        try {
            int max = RunParameters.parse(s.parameters, 1).imaging().iteration().nmajor();
            int after = s.stage == Stage.CLEAN || s.stage == Stage.RESIDUAL ? s.cycle + 1 : 0;
            return max < 0 ? 0 : Math.max(0, max - after);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
