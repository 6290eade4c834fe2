package io.reflector.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.reflector.ingest.Application;
import io.reflector.ingest.embedded.EmbeddedServices;

/**
 * Another instance of the application, as a second machine would run it: the {@code aws} profile, its own data
 * directory and web port, pointed at the PostgreSQL, S3 and SQS servers of the test's embedded default.
 */
public final class OtherInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private OtherInstance(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    /** @param overrides settings of this instance only (its lease, its slots) */
    public static OtherInstance start(ApplicationContext first, Map<String, Object> overrides) {
        Path dataDir = temporaryDataDir();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).run(
                arguments(first, dataDir, overrides).toArray(String[]::new));
        return new OtherInstance(context, dataDir);
    }

    /**
     * The command-line arguments of another instance on the aws profile: the first instance's servers and shared
     * settings, then {@code overrides}. As command-line arguments, they beat ./config/application*.yaml as an
     * operator's settings would.
     */
    static List<String> arguments(ApplicationContext first, Path dataDir, Map<String, Object> overrides) {
        EmbeddedServices servers = first.getBean(EmbeddedServices.class);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.profiles.active", "aws");
        properties.put("server.port", 0);
        properties.put("server.address", "127.0.0.1");
        properties.put("reflector.data-dir", dataDir.toString());
        properties.put("spring.datasource.url", servers.postgresJdbcUrl());
        properties.put("spring.datasource.username", servers.postgresUser());
        properties.put("reflector.storage.endpoint", servers.s3Endpoint().toString());
        properties.put("reflector.queues.endpoint", servers.sqsEndpoint().toString());
        servers.queueUrls().forEach((key, url) -> {
            properties.put("reflector.queues." + key + "-url", url);
            properties.put("reflector.queues." + key + "-dlq-url", url + "-dlq");
        });
        for (String setting : new String[] {"reflector.storage.access-key-id", "reflector.storage.secret-access-key",
                "reflector.api-key", "reflector.ops.password", "reflector.daily.webhook-secret",
                "reflector.whereby.webhook-secret", "reflector.daily.api-url", "reflector.daily.api-key",
                "reflector.transcription.backend", "reflector.transcription.url", "reflector.transcription.api-key",
                "reflector.queues.wait-time-seconds", "reflector.recovery.sweep-period", "reflector.recovery.backoff",
                "reflector.transcription.max-attempts", "reflector.transcription.retry-delay"}) {
            properties.put(setting, first.getEnvironment().getRequiredProperty(setting));
        }
        // one JMX domain per JVM: the first instance has it
        properties.put("spring.jmx.enabled", false);
        properties.put("camel.main.jmx-enabled", false);
        properties.put("camel.main.name", "reflector-ingest-other");
        properties.putAll(overrides);
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("reflector-ingest-other-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public Http http() {
        return new Http(port());
    }

    @Override
    public void close() {
        context.close();
        delete(dataDir);
    }
}
