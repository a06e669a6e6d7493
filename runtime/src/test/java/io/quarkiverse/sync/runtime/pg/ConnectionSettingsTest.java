package io.quarkiverse.sync.runtime.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    @Test
    void settings() {
        assertThat(ConnectionSettings.SETTINGS).containsExactly(
                java.util.Map.entry("DateStyle", "ISO, DMY"),
                java.util.Map.entry("TimeZone", "UTC"),
                java.util.Map.entry("extra_float_digits", "1"),
                java.util.Map.entry("bytea_output", "hex"),
                java.util.Map.entry("IntervalStyle", "iso_8601"));
    }

    @Test
    void startupOptionsHaveNoSpacesInValues() {
        assertThat(ConnectionSettings.asStartupOptions()).isEqualTo("-c DateStyle=ISO,DMY -c TimeZone=UTC "
                + "-c extra_float_digits=1 -c bytea_output=hex -c IntervalStyle=iso_8601");
    }

    @Test
    void startupOptionsAreAddedToExistingOnes() {
        Properties properties = new Properties();
        properties.setProperty("options", "-c search_path=app");

        ConnectionSettings.addStartupOptions(properties);

        assertThat(properties.getProperty("options")).startsWith("-c search_path=app -c DateStyle=ISO,DMY ");
        assertThat(ConnectionSettings.addStartupOptions(new Properties()).getProperty("options"))
                .isEqualTo(ConnectionSettings.asStartupOptions());
    }
}
