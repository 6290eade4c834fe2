package io.reflector.ingest.pipeline;

import javax.sql.DataSource;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.processor.aggregate.jdbc.PostgresAggregationRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.config.ThreadPools;

/** The beans the pipeline routes refer to by name. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {
    static final String TRACK_POOL = "trackPool";

    /** Bounds how many tracks are fetched and padded at once. */
    @Bean
    CamelContextConfiguration trackPoolProfile(ReflectorProperties properties) {
        return ThreadPools.threadPoolProfile(TRACK_POOL, properties.pipeline().effectiveTrackParallelism());
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
}
