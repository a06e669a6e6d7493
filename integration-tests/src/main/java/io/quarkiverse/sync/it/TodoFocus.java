package io.quarkiverse.sync.it;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Per owner, whether their focus view shows done todos (false) or open ones: what the dynamic shape depends on. */
@ApplicationScoped
public class TodoFocus {

    private final Map<UUID, Boolean> showDone = new ConcurrentHashMap<>();

    public boolean showDone(UUID owner) {
        return showDone.getOrDefault(owner, false);
    }

    public void showDone(UUID owner, boolean done) {
        showDone.put(owner, done);
    }
}
