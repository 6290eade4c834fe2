package io.reflector.ingest.store;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.reflector.ingest.config.ReflectorProperties;

/**
 * The leases that mark processing runs as alive. Every run is leased to the instance that started it, and this
 * instance renews all of its leases while it lives: a lease that expires belongs to an instance that died (or hung),
 * so its run is lost and the recovery sweep may start a new one, on any instance.
 */
@Repository
public class RunLeases {
    private static final Logger log = LoggerFactory.getLogger(RunLeases.class);

    private final JdbcClient jdbc;
    private final String owner = UUID.randomUUID().toString();
    private final Duration lease;

    RunLeases(JdbcClient jdbc, ReflectorProperties properties) {
        this.jdbc = jdbc;
        this.lease = properties.recovery().lease();
    }

    /** This instance, as named on the leases it holds. */
    public String owner() {
        return owner;
    }

    public long leaseSeconds() {
        return lease.toSeconds();
    }

    /** @return how many runs this instance holds */
    public int renew() {
        int renewed = jdbc.sql("""
                        update transcript set lease_until = now() + make_interval(secs => :lease)
                        where status = 'processing' and lease_owner = :owner""")
                .param("lease", leaseSeconds()).param("owner", owner).update();
        log.debug("Renewed the leases of {} run(s)", renewed);
        return renewed;
    }
}
