package io.reflector.ingest.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded servers before the application context is refreshed, so that the data source, Flyway and
 * the Camel components bind to their real addresses; stops them after every bean that uses them is gone.
 */
public class EmbeddedServicesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        EmbeddedSettings settings = Binder.get(env).bind("reflector.embedded", EmbeddedSettings.class).orElse(null);
        if (settings == null || !settings.enabled()) {
            return;
        }
        EmbeddedServices services = EmbeddedServices.start(settings, dataDir(env, settings),
                env.getRequiredProperty("reflector.storage.region"),
                env.getRequiredProperty("reflector.storage.access-key-id"),
                env.getRequiredProperty("reflector.storage.secret-access-key"),
                List.of(env.getRequiredProperty("reflector.storage.transcript-bucket"),
                        env.getRequiredProperty("reflector.storage.whereby-bucket"),
                        env.getRequiredProperty("reflector.storage.daily-bucket")),
                env.getRequiredProperty("reflector.storage.whereby-bucket"));
        env.getPropertySources().addFirst(new MapPropertySource("embeddedServices", services.applicationProperties()));
        DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
        beanFactory.registerSingleton("embeddedServices", services);
        // Registered before every other bean, so destroyed after all of them (Camel, the connection pool).
        beanFactory.registerDisposableBean("embeddedServices", services::close);
    }

    private static Path dataDir(ConfigurableEnvironment env, EmbeddedSettings settings) {
        try {
            return settings.temporaryDataDir()
                    ? Files.createTempDirectory("reflector-ingest-")
                    : Files.createDirectories(Path.of(env.getRequiredProperty("reflector.data-dir")).toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory: " + e.getMessage(), e);
        }
    }
}
