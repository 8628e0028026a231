package org.tessera.casacore.ms;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;
import org.tessera.casacore.CasacoreException;

/**
 * The verdict on a {@link FullRead} of a damaged MS: it must end, within a time limit and an allocation
 * budget, in a read or in one {@link CasacoreException} that names the damaged table and the problem
 * without a Java exception's name.
 */
final class DamagedRead {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Z]\\w*(Exception|Error)\\b|java\\.");

    /** Heap the reading thread may allocate: a few times what reading the intact MS takes. */
    private final long budget;

    private DamagedRead(long budget) {
        this.budget = budget;
    }

    /** Measures a read of the intact MS, which sets the allocation budget of the damaged ones. */
    static DamagedRead budgetFrom(Path intactMs) {
        long before = allocatedBytes();
        FullRead.of(intactMs);
        return new DamagedRead(4 * Math.max(0, allocatedBytes() - before) + (64L << 20));
    }

    /** Null when the read of ms succeeded or was refused as it should be, else what went wrong. */
    String misbehaviour(Path ms, List<Path> damagedTables) {
        AtomicLong allocated = new AtomicLong();
        Throwable thrown;
        try {
            thrown = assertTimeoutPreemptively(LIMIT, () -> {
                long before = allocatedBytes();
                try {
                    FullRead.of(ms);
                    return null;
                } catch (Throwable t) {
                    return t;
                } finally {
                    allocated.set(Math.max(0, allocatedBytes() - before));
                }
            });
        } catch (AssertionFailedError e) {
            return "no answer within " + LIMIT.toSeconds() + " s";
        }
        if (allocated.get() > budget) {
            return "allocated " + allocated.get() + " bytes, over the budget of " + budget
                    + (thrown == null ? "" : " (then " + thrown + ")");
        }
        if (thrown == null) {
            return null;
        }
        if (!(thrown instanceof CasacoreException)) {
            return "threw " + thrown + " at " + origin(thrown);
        }
        String message = thrown.getMessage();
        int at = -1;
        for (Path table : damagedTables) {
            at = Math.max(at, message.indexOf(table.toString()));
        }
        if (at < 0) {
            return "the message does not name " + damagedTables + ": " + message;
        }
        if (JAVA_NAME.matcher(message).find()) {
            return "the message names a Java exception: " + message;
        }
        if (message.length() - message.indexOf(": ", at) < 10) {
            return "the message does not say what is wrong: " + message;
        }
        return null;
    }

    private static String origin(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.tessera")) {
                return e.toString();
            }
        }
        return t.getStackTrace().length > 0 ? t.getStackTrace()[0].toString() : "?";
    }

    /**
     * Heap allocated so far by the calling thread (HotSpot counts it per thread), plus the capacity of the
     * direct buffers alive in the JVM, which the reader allocates for buckets and tiles.
     */
    private static long allocatedBytes() {
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getTotalCapacity();
            }
        }
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes()
                + direct;
    }
}
