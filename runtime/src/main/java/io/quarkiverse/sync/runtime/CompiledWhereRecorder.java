package io.quarkiverse.sync.runtime;

import io.quarkiverse.sync.runtime.where.CompiledWhereFactory;
import io.quarkiverse.sync.runtime.where.CompiledWheres;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

/** Registers the where-clause evaluators generated at build time. */
@Recorder
public class CompiledWhereRecorder {

    /** Drops the classes of a previous start (dev mode), before this start's are registered. */
    public void clear() {
        CompiledWheres.clear();
    }

    /**
     * @param key {@link CompiledWheres#key}: the where text and the types of the columns it references
     * @param factory an instance of the generated factory (created by recorded bytecode, not reflection)
     */
    public void register(String key, RuntimeValue<CompiledWhereFactory> factory) {
        CompiledWheres.register(key, factory.getValue());
    }
}
