package io.reflector.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void reflectorsAsyncpgUrlBecomesJdbcWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql+asyncpg://reflector:s%40cret@db.internal:5432/reflector");
        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal:5432/reflector", "reflector", "s@cret"));
    }

    @Test
    void queryParametersAndMissingPortSurvive() {
        assertThat(DatabaseUrl.parse("postgres://u@host/db?sslmode=require"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://host/db?sslmode=require", "u", null));
    }

    @Test
    void aJdbcUrlIsTakenAsItIs() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:1/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d");
    }

    @Test
    void anotherDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/d")).hasMessageContaining("mysql");
    }
}
