package io.quarkiverse.sync.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/** Hands build-time findings to the runtime. */
@Recorder
public class SyncRecorder {

    /**
     * @param tables entity class name → [schema, table]
     */
    public Supplier<EntityTables> entityTables(Map<String, List<String>> tables) {
        Map<String, EntityTables.TableName> names = new HashMap<>();
        tables.forEach((entity, name) -> names.put(entity, new EntityTables.TableName(name.get(0), name.get(1))));
        EntityTables entityTables = new EntityTables(names);
        return () -> entityTables;
    }
}
