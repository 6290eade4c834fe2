package io.reflector.ingest.ops;

import java.util.List;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Whether every route runs. Routes stopped by ops make the status {@code ROUTES_STOPPED}, which answers 200 and ranks
 * between DOWN and UP ({@code management.endpoint.health.status.order}): the instance is healthy and does what ops
 * asked, but whoever looks sees that part of the intake is off; the details (ops login) name the routes. Part of the
 * overall status only, not of the probes: a stopped route is no reason to restart the instance or take it out of
 * service. UNKNOWN while the Camel context is not running (starting, stopping), which the probes report.
 */
@Component("routes")
class RouteHealthIndicator extends AbstractHealthIndicator {
    static final Status ROUTES_STOPPED = new Status("ROUTES_STOPPED", "routes stopped by ops");

    private final StoppedRoutes stoppedRoutes;

    RouteHealthIndicator(StoppedRoutes stoppedRoutes) {
        super("Route health check failed");
        this.stoppedRoutes = stoppedRoutes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!stoppedRoutes.contextRunning()) {
            builder.unknown().withDetail("camelContext", "not running");
            return;
        }
        List<String> stopped = stoppedRoutes.ids();
        builder.status(stopped.isEmpty() ? Status.UP : ROUTES_STOPPED)
                .withDetail("routes", stoppedRoutes.total())
                .withDetail("stopped", stopped.size())
                .withDetail("stoppedRoutes", String.join(", ", stopped));
    }
}
