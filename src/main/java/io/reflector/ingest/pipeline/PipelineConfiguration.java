package io.reflector.ingest.pipeline;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
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

    /** One S3 call of a run (a track's fetch, a padded track's delete) tried again: after 1 s, 2 s and 4 s. */
    @Bean
    RedeliveryPolicy s3RedeliveryPolicy() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(3);
        policy.setRedeliveryDelay(1000);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        return policy;
    }

    /** A run's track results, gathered by its split in one list. */
    @Bean
    AggregationStrategy trackResultsAggregation() {
        return new TrackResultsAggregation();
    }
}
