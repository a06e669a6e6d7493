package io.quarkiverse.sync.deployment.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PhysicalNamingTest {

    @Test
    void standardNamingKeepsTheNameAndPostgresFoldsIt() {
        assertThat(PhysicalNaming.STANDARD.physical("ownerId")).isEqualTo("ownerid");
        assertThat(PhysicalNaming.STANDARD.physical("\"OwnerId\"")).isEqualTo("OwnerId");
    }

    @Test
    void snakeCaseAsHibernateWritesIt() {
        assertThat(PhysicalNaming.SNAKE_CASE.physical("ownerId")).isEqualTo("owner_id");
        assertThat(PhysicalNaming.SNAKE_CASE.physical("TodoItem")).isEqualTo("todo_item");
        assertThat(PhysicalNaming.SNAKE_CASE.physical("HTTPCode")).isEqualTo("httpcode");
        assertThat(PhysicalNaming.SNAKE_CASE.physical("version2Name")).isEqualTo("version2_name");
        assertThat(PhysicalNaming.SNAKE_CASE.physical("address.zipCode")).isEqualTo("address_zip_code");
        assertThat(PhysicalNaming.SNAKE_CASE.physical("`Quoted`")).isEqualTo("Quoted");
    }

    @Test
    void theConfiguredStrategy() {
        assertThat(PhysicalNaming.of(Optional.empty())).contains(PhysicalNaming.STANDARD);
        assertThat(PhysicalNaming.of(Optional.of("org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl")))
                .contains(PhysicalNaming.SNAKE_CASE);
        assertThat(PhysicalNaming.of(Optional.of("com.acme.MyNaming"))).isEmpty();
    }
}
