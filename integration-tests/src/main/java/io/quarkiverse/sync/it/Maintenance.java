package io.quarkiverse.sync.it;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the secured endpoints are closed for maintenance (see {@link MaintenanceFilter}). */
@ApplicationScoped
public class Maintenance {

    private volatile boolean closed;

    public boolean closed() {
        return closed;
    }

    public void close(boolean closed) {
        this.closed = closed;
    }
}
