package io.quarkiverse.sync.runtime.http;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Transient;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;

/**
 * Writes a row's column texts as the JSON an entity class has in the application's REST responses. Built once per
 * class: each Jackson property of the class that maps a column (JPA {@code @Column(name)}, else the attribute name as
 * PostgreSQL folds it) gets a reader of the column's text into the attribute's Java type ({@code @Convert}
 * converters and {@code @Enumerated} applied) and the property's own resolved Jackson serializer, so its
 * {@code @JsonProperty}, {@code @JsonFormat}, {@code @JsonSerialize} and the mapper's settings apply. Per message
 * nothing is looked up: no entity instance is made, no field is read or written by reflection; only the properties
 * whose columns the message carries are written, in the class's property order.
 */
public final class EntityForm {

    private record Attribute(String column, BeanPropertyWriter writer, PgTextValues.Reader reader, String javaType) {
    }

    private final Class<?> type;
    private final ObjectMapper mapper;
    private final List<Attribute> attributes;
    private final Map<String, String> schemas = new ConcurrentHashMap<>();

    private EntityForm(Class<?> type, ObjectMapper mapper, List<Attribute> attributes) {
        this.type = type;
        this.mapper = mapper;
        this.attributes = attributes;
    }

    /**
     * @throws IllegalArgumentException when Jackson does not write {@code type} as a bean (it has a custom serializer)
     */
    public static EntityForm of(Class<?> type, ObjectMapper mapper) {
        JavaType javaType = mapper.constructType(type);
        JsonSerializer<Object> serializer;
        try {
            serializer = mapper.getSerializerProviderInstance().findValueSerializer(javaType);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("transform(" + type.getSimpleName() + ".class): " + e.getMessage(), e);
        }
        if (!(serializer instanceof BeanSerializerBase bean)) {
            throw new IllegalArgumentException("transform(" + type.getSimpleName() + ".class): Jackson writes "
                    + type.getName() + " with " + serializer.getClass().getName()
                    + ", not property by property, so partial rows cannot be written in its form");
        }
        BeanDescription description = mapper.getSerializationConfig().introspect(javaType);
        Map<String, String> internalNames = new HashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            internalNames.put(property.getName(), property.getInternalName());
        }
        List<Attribute> attributes = new ArrayList<>();
        for (Iterator<PropertyWriter> it = bean.properties(); it.hasNext();) {
            if (!(it.next() instanceof BeanPropertyWriter writer)) {
                continue;
            }
            String name = internalNames.getOrDefault(writer.getName(), writer.getName());
            Field field = field(type, name);
            AnnotatedMember member = writer.getMember();
            Method getter = member != null && member.getAnnotated() instanceof Method m ? m : null;
            if (field == null && getter == null) {
                continue;
            }
            JpaAttribute jpa = new JpaAttribute(field, getter);
            if (!jpa.isColumn()) {
                continue; // derived, transient, or an association: no column of its own to read
            }
            Class<?> attributeType = field != null ? field.getType() : getter.getReturnType();
            Type genericType = field != null ? field.getGenericType() : getter.getGenericReturnType();
            attributes.add(new Attribute(jpa.column(name), writer,
                    jpa.reader(attributeType, genericType, mapper), attributeType.getSimpleName()));
        }
        return new EntityForm(type, mapper, List.copyOf(attributes));
    }

    public Class<?> type() {
        return type;
    }

    JsonFactory jsonFactory() {
        return mapper.getFactory();
    }

    /** A provider for one response's writes; Jackson's providers are per call, its serializers are cached. */
    SerializerProvider serializerProvider() {
        return mapper.getSerializerProviderInstance();
    }

    /** Writes the properties of the columns {@code row} holds, as a JSON object. */
    void write(JsonGenerator out, Map<String, String> row, SerializerProvider provider) throws IOException {
        out.writeStartObject();
        for (Attribute attribute : attributes) {
            if (!row.containsKey(attribute.column)) {
                continue;
            }
            String text = row.get(attribute.column);
            BeanPropertyWriter writer = attribute.writer;
            if (text == null) {
                if (!writer.willSuppressNulls()) {
                    out.writeFieldName(writer.getName());
                    out.writeNull();
                }
                continue;
            }
            Object value;
            try {
                value = attribute.reader.read(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Column " + attribute.column + " of " + type.getSimpleName()
                        + ": cannot read '" + text + "' as " + attribute.javaType + ": " + e.getMessage(), e);
            }
            JsonSerializer<Object> serializer = writer.getSerializer();
            if (serializer == null) {
                serializer = provider.findValueSerializer(value.getClass(), writer); // a non-final declared type
            }
            out.writeFieldName(writer.getName());
            TypeSerializer typeSerializer = writer.getTypeSerializer();
            if (typeSerializer == null) {
                serializer.serialize(value, out, provider);
            } else {
                serializer.serializeWithType(value, out, provider, typeSerializer);
            }
        }
        out.writeEndObject();
    }

    /**
     * The {@code electric-schema} of the entity form, from the columns' one: each written property with its Java type
     * as {@code type} (no default client parser knows these names, so clients keep the JSON values), and the
     * column's {@code pk_index} and {@code not_null}.
     */
    String schemaHeader(String columnsSchema) {
        String cached = schemas.get(columnsSchema);
        if (cached != null) {
            return cached;
        }
        String schema;
        try {
            JsonNode columns = mapper.readTree(columnsSchema);
            StringWriter text = new StringWriter();
            try (JsonGenerator out = new JsonFactory().createGenerator(text)) {
                out.writeStartObject();
                for (Attribute attribute : attributes) {
                    JsonNode column = columns.get(attribute.column);
                    if (column == null) {
                        continue;
                    }
                    out.writeObjectFieldStart(attribute.writer.getName());
                    out.writeStringField("type", attribute.javaType);
                    if (column.has("pk_index")) {
                        out.writeNumberField("pk_index", column.get("pk_index").asInt());
                    }
                    if (column.path("not_null").asBoolean(false)) {
                        out.writeBooleanField("not_null", true);
                    }
                    out.writeEndObject();
                }
                out.writeEndObject();
            }
            schema = text.toString();
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable electric-schema header: " + columnsSchema, e);
        }
        if (schemas.size() < 64) { // one per shape of the class, in practice a handful
            schemas.put(columnsSchema, schema);
        }
        return schema;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                return Modifier.isStatic(field.getModifiers()) ? null : field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    /** The JPA mapping of one attribute, from the annotations on its field or getter. */
    private static final class JpaAttribute {
        private final Field field;
        private final Method getter;

        JpaAttribute(Field field, Method getter) {
            this.field = field;
            this.getter = getter;
        }

        private <A extends Annotation> A annotation(Class<A> type) {
            A onField = field == null ? null : field.getAnnotation(type);
            return onField != null || getter == null ? onField : getter.getAnnotation(type);
        }

        boolean isColumn() {
            if (field != null && Modifier.isTransient(field.getModifiers())) {
                return false;
            }
            return annotation(Transient.class) == null && annotation(ManyToOne.class) == null
                    && annotation(OneToOne.class) == null && annotation(OneToMany.class) == null
                    && annotation(ManyToMany.class) == null && annotation(Embedded.class) == null
                    && annotation(EmbeddedId.class) == null && annotation(ElementCollection.class) == null;
        }

        /** {@code @Column(name)}, else the attribute name; unquoted names as PostgreSQL folds them. */
        String column(String attributeName) {
            Column column = annotation(Column.class);
            String name = column != null && !column.name().isEmpty() ? column.name() : attributeName;
            boolean quoted = name.length() >= 2 && ((name.startsWith("\"") && name.endsWith("\""))
                    || (name.startsWith("`") && name.endsWith("`")));
            return quoted ? name.substring(1, name.length() - 1) : name.toLowerCase(Locale.ROOT);
        }

        PgTextValues.Reader reader(Class<?> type, Type genericType, ObjectMapper mapper) {
            Convert convert = annotation(Convert.class);
            if (convert != null && !convert.disableConversion() && convert.converter() != AttributeConverter.class) {
                return converted(convert.converter(), mapper);
            }
            if (type.isEnum()) {
                Enumerated enumerated = annotation(Enumerated.class);
                return PgTextValues.enumReader(type, enumerated != null && enumerated.value() == EnumType.STRING);
            }
            return PgTextValues.reader(type, genericType, mapper);
        }

        @SuppressWarnings({ "unchecked", "rawtypes" })
        private PgTextValues.Reader converted(Class<? extends AttributeConverter> converterClass, ObjectMapper mapper) {
            Class<?> columnType = columnType(converterClass);
            PgTextValues.Reader column = PgTextValues.reader(columnType, columnType, mapper);
            AttributeConverter converter = instantiate(converterClass);
            return text -> converter.convertToEntityAttribute(column.read(text));
        }

        /** Y of {@code AttributeConverter<X, Y>}, the type the converter reads from the database. */
        private static Class<?> columnType(Class<?> converterClass) {
            for (Class<?> c = converterClass; c != null; c = c.getSuperclass()) {
                for (Type implemented : c.getGenericInterfaces()) {
                    if (implemented instanceof ParameterizedType p && p.getRawType() == AttributeConverter.class
                            && p.getActualTypeArguments()[1] instanceof Class<?> y) {
                        return y;
                    }
                }
            }
            throw new IllegalArgumentException(converterClass.getName()
                    + " does not say which column type it converts (AttributeConverter<X, Y> with a class Y)");
        }

        /** A CDI bean when the converter is one (as Hibernate ORM in Quarkus uses it), else a new instance. */
        private static AttributeConverter<?, ?> instantiate(Class<? extends AttributeConverter> converterClass) {
            io.quarkus.arc.ArcContainer container = io.quarkus.arc.Arc.container();
            if (container != null) {
                io.quarkus.arc.InstanceHandle<? extends AttributeConverter> bean = container.instance(converterClass);
                if (bean.isAvailable()) {
                    return bean.get();
                }
            }
            try {
                java.lang.reflect.Constructor<? extends AttributeConverter> constructor = converterClass
                        .getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot create the converter " + converterClass.getName()
                        + ": it needs a no-argument constructor", e);
            }
        }
    }
}
