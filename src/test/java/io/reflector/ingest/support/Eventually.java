package io.reflector.ingest.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for an asynchronous outcome; only a bound on waiting, never an assertion on speed. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T await(Duration limit, Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting " + limit.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
