package io.reflector.ingest.config;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Named Camel thread pool profiles, which a parallel split names in its {@code executorService}: rather than
 * executor beans, which would replace Spring Boot's own task executor.
 */
public final class ThreadPools {

    private ThreadPools() {
    }

    /** A fixed-size pool with an unbounded queue. */
    public static CamelContextConfiguration threadPoolProfile(String name, int size) {
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
}
