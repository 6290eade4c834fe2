package io.reflector.ingest.config;

import javax.sql.DataSource;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.processor.aggregate.jdbc.PostgresAggregationRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.reflector.ingest.media.AudioAnalyzer;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.StartTimeProbe;
import io.reflector.ingest.pipeline.TrackResultsAggregation;

/** The beans the pipeline routes refer to by name. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {
    static final String TRACK_POOL = "trackPool";

    /**
     * Bounds how many tracks are fetched and padded at once (each runs one ffmpeg). A Camel thread pool profile
     * rather than an executor bean, which would replace Spring Boot's own task executor.
     */
    @Bean
    CamelContextConfiguration trackPoolProfile(ReflectorProperties properties) {
        return threadPoolProfile(TRACK_POOL, properties.pipeline().effectiveTrackParallelism());
    }

    /** A fixed-size pool with an unbounded queue, which a parallel split names in its {@code executorService}. */
    static CamelContextConfiguration threadPoolProfile(String name, int size) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                context.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(name)
                        .poolSize(size).maxPoolSize(size).maxQueueSize(-1).build());
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
            }
        };
    }

    /**
     * Padded tracks waiting for the rest of their recording, in PostgreSQL. Camel's own recovery of completed
     * aggregates stays off: it would re-run, on any instance, a run that is still alive on another one, and a lost
     * run is restarted from its tracks by the recovery sweep (its work directory is of no use elsewhere anyway).
     */
    @Bean
    PostgresAggregationRepository trackAggregationRepository(PlatformTransactionManager transactions,
                                                             DataSource dataSource) {
        PostgresAggregationRepository repository = new VersionedPostgresAggregationRepository(transactions, "track_aggregation",
                dataSource);
        repository.setDeserializationFilter("java.**;org.apache.camel.**;io.reflector.ingest.pipeline.*;!*");
        repository.setUseRecovery(false);
        return repository;
    }

    /** The aggregate is the list of every track's result. */
    @Bean
    AggregationStrategy trackResultsAggregation() {
        return new TrackResultsAggregation();
    }

    @Bean
    ProcessRunner processRunner() {
        return new ProcessRunner();
    }

    @Bean
    StartTimeProbe startTimeProbe(FfmpegBinaries binaries, ProcessRunner runner) {
        return new StartTimeProbe(binaries, runner);
    }

    @Bean
    AudioAnalyzer audioAnalyzer(FfmpegBinaries binaries, ProcessRunner runner, ReflectorProperties properties) {
        return new AudioAnalyzer(binaries, runner, properties.pipeline().commandTimeout());
    }
}
