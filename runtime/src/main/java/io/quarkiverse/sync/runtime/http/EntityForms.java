package io.quarkiverse.sync.runtime.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.sync.SyncShape;

/**
 * The {@link EntityForm} of each class, built on first use (introspection happens once per class, never per
 * message), and the {@link MessageTransform} of a shape.
 */
public final class EntityForms {

    private final Supplier<ObjectMapper> mapper;
    private final Map<Class<?>, EntityForm> forms = new ConcurrentHashMap<>();

    /** @param mapper the application's ObjectMapper, looked up when the first entity form is built */
    public EntityForms(Supplier<ObjectMapper> mapper) {
        this.mapper = mapper;
    }

    public EntityForm of(Class<?> type) {
        return forms.computeIfAbsent(type, t -> EntityForm.of(t, mapper.get()));
    }

    /** What the shape's transform calls amount to; {@link MessageTransform#NONE} for a shape without any. */
    public MessageTransform transform(SyncShape concrete) {
        if (!concrete.isTransformed()) {
            return MessageTransform.NONE;
        }
        return MessageTransform.of(List.copyOf(concrete.transforms()), concrete.entityForm().map(this::of).orElse(null));
    }
}
