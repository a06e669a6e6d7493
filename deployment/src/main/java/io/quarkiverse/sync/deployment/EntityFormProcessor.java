package io.quarkiverse.sync.deployment;

import java.util.ArrayList;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * Native-image registrations for entity forms ({@code SyncShape.transform(Todo.class)}): the form reads each entity's
 * fields, getters and their JPA annotations once, Jackson then writes its properties, and {@code @Convert} converters
 * are instantiated. Entities are registered whether or not a shape uses them, since the class passed to
 * {@code transform} is only known at run time; a non-entity class needs {@code @RegisterForReflection}.
 */
class EntityFormProcessor {

    private static final DotName CONVERT = DotName.createSimple("jakarta.persistence.Convert");

    @BuildStep
    ReflectiveClassBuildItem entityForms(CombinedIndexBuildItem combined) {
        IndexView index = combined.getIndex();
        List<String> classes = new ArrayList<>();
        for (AnnotationInstance entity : index.getAnnotations(SyncDotNames.ENTITY)) {
            if (entity.target().kind() == AnnotationTarget.Kind.CLASS) {
                classes.add(entity.target().asClass().name().toString());
            }
        }
        if (classes.isEmpty()) {
            return null;
        }
        for (AnnotationInstance convert : index.getAnnotations(CONVERT)) {
            AnnotationValue converter = convert.value("converter");
            if (converter != null) {
                classes.add(converter.asClass().name().toString());
            }
        }
        return ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).constructors().methods().fields()
                .reason(EntityFormProcessor.class.getName()).build();
    }
}
