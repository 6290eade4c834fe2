package io.reflector.ingest.ops;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteStartedEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The routes that are not running in a running Camel context, which is what ops stopping or suspending a route
 * (Hawtio, Jolokia) leaves behind; also a route the supervising route controller has not managed to start. Gauge
 * {@code reflector.route.stopped{routeId}} is 1 for each of them and 0 for the others. Camel's own
 * {@code camel.routes.added} cannot tell this: it counts every restart of a route as one more route.
 */
@Component
public class StoppedRoutes extends SimpleEventNotifierSupport {
    private final CamelContext camel;
    private final MeterRegistry registry;
    private final Set<String> measured = ConcurrentHashMap.newKeySet();

    StoppedRoutes(CamelContext camel, MeterRegistry registry) {
        this.camel = camel;
        this.registry = registry;
        // Camel does not pick event notifiers out of the Spring context: it is told of this one
        camel.getManagementStrategy().addEventNotifier(this);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof RouteStartedEvent;
    }

    /**
     * A route joins the context's list when it first starts (the supervising route controller starts them after
     * the application), so that is when its gauge is registered; a restart finds it registered already.
     */
    @Override
    public void notify(CamelEvent event) {
        String routeId = ((RouteStartedEvent) event).getRoute().getRouteId();
        if (measured.add(routeId)) {
            Gauge.builder("reflector.route.stopped", () -> isStopped(routeId) ? 1 : 0)
                    .description("1 while the route is not running in a running Camel context (stopped by ops)")
                    .tag("routeId", routeId)
                    .register(registry);
        }
    }

    /**
     * Whether the context runs and has started its routes, so that a route that is not running was stopped
     * rather than not started yet.
     */
    public boolean contextRunning() {
        return camel.isStarted() && !camel.getRouteController().isStartingRoutes();
    }

    /** Ids of the routes that are not running, in the order they were added; empty while the context is not running. */
    public List<String> ids() {
        return camel.getRoutes().stream().map(Route::getRouteId).filter(this::isStopped).toList();
    }

    public int total() {
        return camel.getRoutes().size();
    }

    private boolean isStopped(String routeId) {
        return contextRunning() && camel.getRouteController().getRouteStatus(routeId) != ServiceStatus.Started;
    }
}
