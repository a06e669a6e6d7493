package io.quarkiverse.sync.deployment.codegen;

import java.util.HashMap;
import java.util.Map;

import io.quarkiverse.sync.runtime.where.CompiledWhereFactory;
import io.quarkiverse.sync.runtime.where.CompiledWheres;
import io.quarkus.gizmo.ClassOutput;

/**
 * A Gizmo output that defines the generated classes in a class loader of the test, so the generator can be tested
 * without a Quarkus build: generate into it, then {@link #register} the factory as the recorder would at startup.
 */
public final class InMemoryClasses extends ClassLoader implements ClassOutput {

    private final Map<String, byte[]> classes = new HashMap<>();

    public InMemoryClasses() {
        super(InMemoryClasses.class.getClassLoader());
    }

    @Override
    public void write(String internalName, byte[] bytes) {
        classes.put(internalName.replace('/', '.'), bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** A new instance of the generated factory. */
    public CompiledWhereFactory factory(WhereEvaluatorGenerator.Generated generated) {
        try {
            return (CompiledWhereFactory) loadClass(generated.factoryClass()).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the generated factory with the runtime registry, as the recorder does at startup. */
    public void register(WhereEvaluatorGenerator.Generated generated) {
        CompiledWheres.register(generated.key(), factory(generated));
    }
}
