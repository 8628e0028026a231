package org.tessera.gpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Device resources to release, in reverse order of acquisition. {@link #releaseAll} tries every
 * release even when some fail (after a sticky CUDA error most do), so the context is always
 * released, and then reports all the failures in one exception.
 */
final class Releases {
    /** A named release step. */
    private record Step(String what, Runnable release) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    void add(String what, Runnable release) {
        steps.push(new Step(what, release));
    }

    int pending() {
        return steps.size();
    }

    /** Runs every step, newest first; throws one IllegalStateException naming each failure. */
    void releaseAll() {
        List<RuntimeException> failures = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (!steps.isEmpty()) {
            Step s = steps.pop();
            try {
                s.release().run();
            } catch (RuntimeException e) {
                failures.add(e);
                names.add(s.what() + " (" + e.getMessage() + ")");
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("GPU cleanup: " + failures.size()
                    + " release(s) failed, the others were done: " + String.join("; ", names));
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
