package io.reflector.ingest.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.apache.camel.Handler;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.Recording;
import io.reflector.ingest.store.RecordingRepository;
import io.reflector.ingest.store.RunLeases;

/**
 * This instance's recording workers: a fixed number of slots, each taking one queued run from PostgreSQL (shared by
 * every instance) and running it to its end on its own thread. A run's lease is renewed only while its worker works
 * on it and released when the worker stops, so a run dropped for any reason is found by the recovery sweep within
 * one lease. On stop, nothing more is taken; running recordings get a grace period to finish, and the rest are
 * handed back to the queue for another instance.
 */
@Component
public class RunWorkers implements SmartLifecycle {
    /** The pipeline a worker runs its job through, to its end. */
    static final String PIPELINE = "direct:multitrack-split";
    /** Stops after the web server has drained and before Camel stops its routes (Camel's phase is MAX - 2049). */
    static final int PHASE = Integer.MAX_VALUE - 2000;
    private static final Logger log = LoggerFactory.getLogger(RunWorkers.class);

    private final RunLeases leases;
    private final RecordingRepository recordings;
    private final RunStarter starter;
    private final WorkDirectories workDirectories;
    private final ProducerTemplate producer;
    private final int slotCount;
    private final Semaphore freeSlots;
    private final Duration stopGrace;
    private final Set<RunRef> running = ConcurrentHashMap.newKeySet();
    private final Set<RunRef> handedBack = ConcurrentHashMap.newKeySet();
    private final Counter runsTaken;
    private volatile boolean taking;

    public RunWorkers(RunLeases leases, RecordingRepository recordings, RunStarter starter,
                      WorkDirectories workDirectories, ProducerTemplate producer, ReflectorProperties properties,
                      MeterRegistry metrics) {
        this.leases = leases;
        this.recordings = recordings;
        this.starter = starter;
        this.workDirectories = workDirectories;
        this.producer = producer;
        this.slotCount = properties.pipeline().effectiveConcurrentRecordings();
        this.freeSlots = new Semaphore(slotCount);
        this.stopGrace = properties.pipeline().stopGrace();
        this.runsTaken = Counter.builder("reflector.runs.taken").description("runs this instance took from the queue")
                .register(metrics);
        Gauge.builder("reflector.runs.running", running, Set::size).description("runs this instance's workers run now")
                .register(metrics);
        Gauge.builder("reflector.runs.queued", leases, RunLeases::queued)
                .description("runs waiting in the shared queue for a worker of any instance").register(metrics);
    }

    /** As many queued runs as there are free slots, each leased to this instance and holding its slot. */
    public List<MultitrackJob> take() {
        if (!taking || freeSlots.availablePermits() == 0) {
            return List.of();
        }
        List<MultitrackJob> jobs = new ArrayList<>();
        for (RunLeases.Taken queued : leases.takeQueued(freeSlots.availablePermits())) {
            started(queued).ifPresent(job -> {
                if (freeSlots.tryAcquire()) {
                    jobs.add(job);
                } else {
                    // more than asked for: never wait for a slot on this thread, which takes every slot's work
                    running.remove(job.ref());
                    leases.release(job.ref().transcriptId(), job.ref().run());
                    log.error("Transcript {}: run {} taken without a free slot; its lease is released for the recovery "
                            + "sweep", job.ref().transcriptId(), job.ref().run());
                }
            });
        }
        return jobs;
    }

    /**
     * Runs a taken job through the whole pipeline on this thread, then, while the queue has work and the instance
     * is not stopping, the next one in the same slot: a busy queue drains at full speed, an idle one is polled.
     */
    @Handler
    public void work(MultitrackJob first) {
        try {
            for (MultitrackJob job = first; job != null; job = taking ? next() : null) {
                runToItsEnd(job);
            }
        } finally {
            freeSlots.release();
        }
    }

    private Optional<MultitrackJob> started(RunLeases.Taken queued) {
        Optional<Recording> recording = recordings.findById(queued.recordingId());
        if (recording.isEmpty()) {
            log.warn("Transcript {}: its recording is gone; run {} not started", queued.transcriptId(), queued.run());
            leases.release(queued.transcriptId(), queued.run());
            return Optional.empty();
        }
        MultitrackJob job = MultitrackJob.of(queued.transcriptId(), queued.run(), recording.get());
        running.add(job.ref());
        runsTaken.increment();
        log.info("Transcript {}: run {} taken from the queue ({} running here, {} slot(s))", queued.transcriptId(),
                queued.run(), running.size(), slotCount);
        return Optional.of(job);
    }

    private MultitrackJob next() {
        return leases.takeQueued(1).stream().findFirst().flatMap(this::started).orElse(null);
    }

    private void runToItsEnd(MultitrackJob job) {
        try {
            producer.sendBody(PIPELINE, job);
        } catch (RuntimeException e) {
            if (handedBack.contains(job.ref())) {
                // the stop's own doing: Camel cut the run off after its grace, and its successor is queued
                log.info("Transcript {}: run {}, handed back at the stop, was cut off by it", job.ref().transcriptId(),
                        job.ref().run());
            } else {
                log.error("Transcript {}: run {} failed outside the pipeline's error handling: {}",
                        job.ref().transcriptId(), job.ref().run(), e.toString());
            }
        } finally {
            running.remove(job.ref());
            if (leases.release(job.ref().transcriptId(), job.ref().run())) {
                log.warn("Transcript {}: run {} stopped before it ended; its lease is released for the recovery sweep",
                        job.ref().transcriptId(), job.ref().run());
            }
        }
    }

    /** The heartbeat: the leases of the runs this instance's workers are working on, and no others. */
    public int renewLeases() {
        int renewed = 0;
        for (RunRef ref : running) {
            if (leases.renew(ref.transcriptId(), ref.run())) {
                renewed++;
            }
        }
        return renewed;
    }

    /** The work directories of runs that are not running here (their JVM died, or they were dropped). */
    public void removeStaleWorkDirectories() {
        workDirectories.removeAllBut(Set.copyOf(running));
    }

    /** The runs this instance's workers are working on now. */
    public Set<RunRef> running() {
        return Set.copyOf(running);
    }

    @Override
    public void start() {
        removeStaleWorkDirectories();
        taking = true;
        log.info("Run workers: {} recording(s) at once, taken from the shared run queue", slotCount);
    }

    /** Nothing more is taken; running recordings finish within the grace period or are handed back. */
    @Override
    public void stop() {
        taking = false;
        long deadline = System.nanoTime() + stopGrace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (RunRef ref : Set.copyOf(running)) {
            handedBack.add(ref);
            starter.handBack(ref).ifPresentOrElse(
                    next -> log.warn("Transcript {}: run {} did not finish within {} of the stop; handed back to the "
                            + "queue as run {}", ref.transcriptId(), ref.run(), stopGrace, next),
                    () -> log.info("Transcript {}: run {} is no longer this instance's; nothing to hand back",
                            ref.transcriptId(), ref.run()));
        }
    }

    @Override
    public boolean isRunning() {
        return taking;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
