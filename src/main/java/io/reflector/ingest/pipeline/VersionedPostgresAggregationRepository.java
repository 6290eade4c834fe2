package io.reflector.ingest.pipeline;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.jdbc.PostgresAggregationRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Camel 4.17's PostgresAggregationRepository writes {@code INSERT ... (exchange, id)} but binds three values
 * (exchange, id, version), so every insert fails with "column index is out of range". This one names the version
 * column, keeping the {@code ON CONFLICT DO NOTHING} that makes the Postgres variant safe inside a transaction.
 */
class VersionedPostgresAggregationRepository extends PostgresAggregationRepository {

    VersionedPostgresAggregationRepository(PlatformTransactionManager transactions, String name, DataSource dataSource) {
        super(transactions, name, dataSource);
    }

    @Override
    protected void insert(CamelContext camelContext, String correlationId, Exchange exchange, String repositoryName,
                          Long version) throws Exception {
        String sql = "INSERT INTO " + repositoryName + " (exchange, id, version) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
        if (insertHelper(camelContext, correlationId, exchange, sql, version) == 0
                && getRepositoryName().equals(repositoryName)) {
            throw new DataIntegrityViolationException("No row was inserted due to data violation");
        }
    }
}
