package io.reflector.ingest.pipeline;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.config.ThreadPools;

/** The beans the pipeline routes refer to by name. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {
    static final String TRACK_POOL = "trackPool";
    static final String RUN_POOL = "runPool";

    /** Bounds how many tracks are fetched and padded at once. */
    @Bean
    CamelContextConfiguration trackPoolProfile(ReflectorProperties properties) {
        return ThreadPools.threadPoolProfile(TRACK_POOL, properties.pipeline().effectiveTrackParallelism());
    }

    /** One thread per worker slot: a run keeps its thread from its first fetch to its end. */
    @Bean
    CamelContextConfiguration runPoolProfile(ReflectorProperties properties) {
        return ThreadPools.threadPoolProfile(RUN_POOL, properties.pipeline().effectiveConcurrentRecordings());
    }

    /** A run's track results, gathered by its split in one list. */
    @Bean
    AggregationStrategy trackResultsAggregation() {
        return new TrackResultsAggregation();
    }
}
