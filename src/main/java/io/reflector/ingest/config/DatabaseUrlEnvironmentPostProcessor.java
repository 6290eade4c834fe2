package io.reflector.ingest.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Lets an existing Reflector env file configure the data source through {@code DATABASE_URL}. */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty("DATABASE_URL");
        if (value == null || value.isBlank()) {
            return;
        }
        DatabaseUrl url = DatabaseUrl.parse(value);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url.jdbcUrl());
        if (url.username() != null) {
            properties.put("spring.datasource.username", url.username());
        }
        if (url.password() != null) {
            properties.put("spring.datasource.password", url.password());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("databaseUrl", properties));
    }
}
