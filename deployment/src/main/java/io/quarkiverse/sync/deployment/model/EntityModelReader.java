package io.quarkiverse.sync.deployment.model;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

/**
 * Reads the {@link EntityModel} from the Jandex index, following the JPA rules Hibernate ORM applies by default:
 * field access (Panache's public fields), {@code @Column(name)}, {@code @Id}/{@code @EmbeddedId}, {@code @Transient},
 * {@code static} and {@code transient} fields left out, enums as ordinals ({@code smallint}) unless
 * {@code @Enumerated(STRING)} ({@code varchar}), {@code @ManyToOne}/owning {@code @OneToOne} as one join column
 * {@code <field>_<referenced id>}, {@code @Embedded} embeddables of basic fields. What it cannot know exactly (property
 * access, entity inheritance, composite join columns, attribute overrides, custom naming) makes the entity's columns
 * unknown: its shapes are then validated at run time, never wrongly rejected.
 */
public final class EntityModelReader {

    private static final DotName ENTITY = DotName.createSimple("jakarta.persistence.Entity");
    private static final DotName TABLE = DotName.createSimple("jakarta.persistence.Table");
    private static final DotName MAPPED_SUPERCLASS = DotName.createSimple("jakarta.persistence.MappedSuperclass");
    private static final DotName EMBEDDABLE = DotName.createSimple("jakarta.persistence.Embeddable");
    private static final DotName EMBEDDED = DotName.createSimple("jakarta.persistence.Embedded");
    private static final DotName EMBEDDED_ID = DotName.createSimple("jakarta.persistence.EmbeddedId");
    private static final DotName ID = DotName.createSimple("jakarta.persistence.Id");
    private static final DotName COLUMN = DotName.createSimple("jakarta.persistence.Column");
    private static final DotName TRANSIENT = DotName.createSimple("jakarta.persistence.Transient");
    private static final DotName ENUMERATED = DotName.createSimple("jakarta.persistence.Enumerated");
    private static final DotName TEMPORAL = DotName.createSimple("jakarta.persistence.Temporal");
    private static final DotName LOB = DotName.createSimple("jakarta.persistence.Lob");
    private static final DotName CONVERT = DotName.createSimple("jakarta.persistence.Convert");
    private static final DotName ACCESS = DotName.createSimple("jakarta.persistence.Access");
    private static final DotName MANY_TO_ONE = DotName.createSimple("jakarta.persistence.ManyToOne");
    private static final DotName ONE_TO_ONE = DotName.createSimple("jakarta.persistence.OneToOne");
    private static final DotName JOIN_COLUMN = DotName.createSimple("jakarta.persistence.JoinColumn");
    private static final Set<DotName> NOT_IN_TABLE = Set.of(
            DotName.createSimple("jakarta.persistence.OneToMany"),
            DotName.createSimple("jakarta.persistence.ManyToMany"),
            DotName.createSimple("jakarta.persistence.ElementCollection"));
    private static final Set<DotName> UNKNOWN_MAPPING = Set.of(
            DotName.createSimple("jakarta.persistence.JoinColumns"),
            DotName.createSimple("jakarta.persistence.MapsId"),
            DotName.createSimple("jakarta.persistence.AttributeOverride"),
            DotName.createSimple("jakarta.persistence.AttributeOverrides"),
            DotName.createSimple("jakarta.persistence.AssociationOverride"),
            DotName.createSimple("jakarta.persistence.JoinTable"),
            DotName.createSimple("org.hibernate.annotations.JdbcTypeCode"),
            DotName.createSimple("org.hibernate.annotations.JdbcType"),
            DotName.createSimple("org.hibernate.annotations.Type"),
            DotName.createSimple("org.hibernate.annotations.Formula"),
            DotName.createSimple("org.hibernate.annotations.Array"));
    /** Panache's bases, for when the index does not hold them: PanacheEntity maps {@code Long id}. */
    private static final Set<String> PANACHE_ENTITY = Set.of("io.quarkus.hibernate.orm.panache.PanacheEntity",
            "io.quarkus.hibernate.reactive.panache.PanacheEntity");
    private static final Set<String> PANACHE_ENTITY_BASE = Set.of(
            "io.quarkus.hibernate.orm.panache.PanacheEntityBase",
            "io.quarkus.hibernate.reactive.panache.PanacheEntityBase", "java.lang.Object");

    /** The schema of the tables of entities that name none (Hibernate's {@code hibernate.default_schema}). */
    public static final String DEFAULT_SCHEMA_KEY = "quarkus.hibernate-orm.database.default-schema";

    private final IndexView index;
    private final Optional<PhysicalNaming> naming;
    private final String namingStrategy;
    private final Optional<String> defaultSchema;

    /**
     * @param namingStrategy {@code quarkus.hibernate-orm.physical-naming-strategy}, if set
     * @param defaultSchema {@code quarkus.hibernate-orm.database.default-schema}, if set: where Hibernate puts the
     *        tables of entities whose {@code @Table} names no schema ({@code public} otherwise)
     */
    public EntityModelReader(IndexView index, Optional<String> namingStrategy, Optional<String> defaultSchema) {
        this.index = index;
        this.naming = PhysicalNaming.of(namingStrategy);
        this.namingStrategy = namingStrategy.orElse("");
        this.defaultSchema = defaultSchema.filter(v -> !v.isBlank());
    }

    public EntityModel read() {
        Map<String, EntityModel.Entity> entities = new LinkedHashMap<>();
        for (AnnotationInstance entity : index.getAnnotations(ENTITY)) {
            if (entity.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo type = entity.target().asClass();
            entities.put(type.name().toString(), entity(type));
        }
        return new EntityModel(entities);
    }

    private PhysicalNaming naming() {
        return naming.orElse(PhysicalNaming.STANDARD);
    }

    private EntityModel.Entity entity(ClassInfo type) {
        AnnotationInstance table = type.declaredAnnotation(TABLE);
        String name = stringValue(table, "name");
        if (name == null) {
            name = stringValue(type.declaredAnnotation(ENTITY), "name");
        }
        if (name == null) {
            name = type.simpleName();
        }
        String schema = stringValue(table, "schema");
        // Hibernate passes the default schema through the physical naming strategy like any other schema name.
        String physicalSchema = naming().physical(schema != null ? schema : defaultSchema.orElse("public"));
        String physicalTable = naming().physical(name);
        String className = type.name().toString();
        if (naming.isEmpty()) {
            return unknown(className, physicalSchema, physicalTable,
                    "the physical naming strategy " + namingStrategy + " is the application's own");
        }
        try {
            return new EntityModel.Entity(className, physicalSchema, physicalTable, columns(type), null);
        } catch (Unknown e) {
            return unknown(className, physicalSchema, physicalTable, e.getMessage());
        }
    }

    private static EntityModel.Entity unknown(String className, String schema, String table, String reason) {
        return new EntityModel.Entity(className, schema, table, List.of(), reason);
    }

    /** The columns of the entity's own fields and of its mapped superclasses', superclasses first. */
    private List<EntityModel.Column> columns(ClassInfo type) {
        // Superclasses first; null stands for PanacheEntity when the index does not hold it (its Long id)
        List<ClassInfo> hierarchy = new ArrayList<>();
        hierarchy.add(type);
        DotName superName = type.superName();
        while (superName != null && !PANACHE_ENTITY_BASE.contains(superName.toString())) {
            if (PANACHE_ENTITY.contains(superName.toString())) {
                ClassInfo panache = index.getClassByName(superName);
                if (panache == null) {
                    hierarchy.add(0, null);
                    break;
                }
            }
            ClassInfo superclass = index.getClassByName(superName);
            if (superclass == null) {
                throw new Unknown("its superclass " + superName + " is not in the index");
            }
            if (superclass.hasDeclaredAnnotation(ENTITY)) {
                throw new Unknown("it extends the entity " + superName + " (inheritance mapping)");
            }
            if (superclass.hasDeclaredAnnotation(MAPPED_SUPERCLASS)) {
                hierarchy.add(0, superclass);
            }
            superName = superclass.superName();
        }
        List<EntityModel.Column> columns = new ArrayList<>();
        for (ClassInfo declaring : hierarchy) {
            if (declaring == null) {
                columns.add(new EntityModel.Column(naming().physical("id"), "int8", true));
                continue;
            }
            if (declaring.hasDeclaredAnnotation(ACCESS)) {
                throw new Unknown(declaring.simpleName() + " sets @Access");
            }
            for (AnnotationInstance id : declaring.annotations()) {
                if ((id.name().equals(ID) || id.name().equals(EMBEDDED_ID))
                        && id.target().kind() == AnnotationTarget.Kind.METHOD) {
                    throw new Unknown("it uses property access (@Id on a getter)");
                }
            }
            for (FieldInfo field : declaring.unsortedFields()) {
                addColumns(field, columns);
            }
        }
        Set<String> names = new HashSet<>();
        for (EntityModel.Column c : columns) {
            if (!names.add(c.name())) {
                throw new Unknown("two attributes map to column " + c.name());
            }
        }
        return columns;
    }

    private void addColumns(FieldInfo field, List<EntityModel.Column> columns) {
        if (Modifier.isStatic(field.flags()) || Modifier.isTransient(field.flags()) || field.hasAnnotation(TRANSIENT)
                || field.isSynthetic()) {
            return;
        }
        for (DotName annotation : NOT_IN_TABLE) {
            if (field.hasAnnotation(annotation)) {
                return;
            }
        }
        for (DotName annotation : UNKNOWN_MAPPING) {
            if (field.hasAnnotation(annotation)) {
                throw new Unknown("field " + field.name() + " has @" + annotation.withoutPackagePrefix());
            }
        }
        boolean id = field.hasAnnotation(ID);
        if (field.hasAnnotation(MANY_TO_ONE) || field.hasAnnotation(ONE_TO_ONE)) {
            AnnotationInstance oneToOne = field.annotation(ONE_TO_ONE);
            if (oneToOne != null && stringValue(oneToOne, "mappedBy") != null) {
                return; // the other side holds the join column
            }
            columns.add(joinColumn(field, id));
            return;
        }
        ClassInfo fieldClass = field.type().kind() == Type.Kind.CLASS ? index.getClassByName(field.type().name()) : null;
        boolean embedded = field.hasAnnotation(EMBEDDED) || field.hasAnnotation(EMBEDDED_ID)
                || (fieldClass != null && fieldClass.hasDeclaredAnnotation(EMBEDDABLE));
        if (embedded) {
            if (fieldClass == null) {
                throw new Unknown("the embeddable of field " + field.name() + " is not in the index");
            }
            boolean key = id || field.hasAnnotation(EMBEDDED_ID);
            for (FieldInfo part : fieldClass.unsortedFields()) {
                int before = columns.size();
                addColumns(part, columns);
                for (int i = before; i < columns.size(); i++) {
                    EntityModel.Column c = columns.get(i);
                    columns.set(i, new EntityModel.Column(c.name(), c.type(), c.primaryKey() || key));
                }
            }
            return;
        }
        columns.add(new EntityModel.Column(columnName(field), basicType(field, fieldClass), id,
                fieldClass != null && fieldClass.isEnum()));
    }

    private String columnName(FieldInfo field) {
        String name = stringValue(field.annotation(COLUMN), "name");
        return naming().physical(name != null ? name : field.name());
    }

    private String basicType(FieldInfo field, ClassInfo fieldClass) {
        String definition = stringValue(field.annotation(COLUMN), "columnDefinition");
        if (definition != null) {
            return ColumnTypes.ofDefinition(definition);
        }
        if (field.hasAnnotation(CONVERT) || field.hasAnnotation(LOB)) {
            return null;
        }
        if (fieldClass != null && fieldClass.isEnum()) {
            AnnotationInstance enumerated = field.annotation(ENUMERATED);
            AnnotationValue how = enumerated == null ? null : enumerated.value();
            // ORDINAL, the default: TINYINT (SMALLINT once there are more than 127 constants), smallint on PostgreSQL
            return how != null && how.asEnum().equals("STRING") ? "varchar" : "int2";
        }
        AnnotationInstance temporal = field.annotation(TEMPORAL);
        if (temporal != null && temporal.value() != null) {
            switch (temporal.value().asEnum()) {
                case "DATE":
                    return "date";
                case "TIME":
                    return "time";
                default:
                    return "timestamp";
            }
        }
        return ColumnTypes.of(field.type());
    }

    /** {@code @ManyToOne Owner owner} → {@code owner_id}, typed as the referenced entity's single id column. */
    private EntityModel.Column joinColumn(FieldInfo field, boolean id) {
        ClassInfo target = index.getClassByName(field.type().name());
        if (target == null || !target.hasDeclaredAnnotation(ENTITY)) {
            throw new Unknown("the target of field " + field.name() + " is not an indexed entity");
        }
        EntityModel.Column referenced = idColumn(target);
        String name = stringValue(field.annotation(JOIN_COLUMN), "name");
        return new EntityModel.Column(name != null ? naming().physical(name)
                : naming().physical(field.name() + "_" + referenced.name()), referenced.type(), id);
    }

    /** The single basic {@code @Id} column of an entity (its own fields or its mapped superclasses'). */
    private EntityModel.Column idColumn(ClassInfo entity) {
        EntityModel.Column found = null;
        int ids = 0;
        ClassInfo type = entity;
        while (type != null) {
            if (PANACHE_ENTITY.contains(type.name().toString()) && index.getClassByName(type.name()) == null) {
                break;
            }
            for (FieldInfo field : type.unsortedFields()) {
                if (field.hasAnnotation(EMBEDDED_ID) || (field.hasAnnotation(ID)
                        && (field.hasAnnotation(MANY_TO_ONE) || field.hasAnnotation(ONE_TO_ONE)))) {
                    ids += 2;
                } else if (field.hasAnnotation(ID)) {
                    ids++;
                    found = new EntityModel.Column(columnName(field), basicType(field,
                            index.getClassByName(field.type().name())), true);
                }
            }
            DotName superName = type.superName();
            if (superName == null || PANACHE_ENTITY_BASE.contains(superName.toString())) {
                break;
            }
            if (PANACHE_ENTITY.contains(superName.toString()) && index.getClassByName(superName) == null) {
                ids++;
                found = new EntityModel.Column(naming().physical("id"), "int8", true);
                break;
            }
            type = index.getClassByName(superName);
        }
        if (ids != 1) {
            throw new Unknown("the id of " + entity.simpleName() + " is not one basic column");
        }
        return found;
    }

    private static String stringValue(AnnotationInstance annotation, String member) {
        if (annotation == null) {
            return null;
        }
        AnnotationValue value = annotation.value(member);
        return value == null || value.asString().isEmpty() ? null : value.asString();
    }

    /** The entity's columns cannot be known at build time; the message says why. */
    private static final class Unknown extends RuntimeException {
        Unknown(String why) {
            super(why, null, false, false);
        }
    }
}
