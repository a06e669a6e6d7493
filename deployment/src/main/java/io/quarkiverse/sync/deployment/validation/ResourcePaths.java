package io.quarkiverse.sync.deployment.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * The paths the application's JAX-RS resource methods serve, so that a declarative shape
 * ({@code quarkus.sync.shapes."<name>".path}) cannot silently take a path a resource method serves: its route would
 * answer first. A path template's parameters match as JAX-RS matches them: {@code {id}} one segment,
 * {@code {id: \d+}} its regular expression.
 */
public final class ResourcePaths {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName APPLICATION_PATH = DotName.createSimple("jakarta.ws.rs.ApplicationPath");
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
            "OPTIONS");

    /** One resource method: where it is, what it answers, and the pattern of its full path. */
    public record Served(String location, String method, String template, Pattern pattern) {
    }

    private final List<Served> served = new ArrayList<>();

    /**
     * @param restPath {@code quarkus.rest.path}, the prefix of every resource path ({@code /} by default)
     */
    public ResourcePaths(IndexView index, Optional<String> restPath) {
        String prefix = join(restPath.orElse("/"), applicationPath(index));
        for (String method : HTTP_METHODS) {
            for (AnnotationInstance annotation : index.getAnnotations(DotName.createSimple("jakarta.ws.rs." + method))) {
                if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                    continue;
                }
                MethodInfo m = annotation.target().asMethod();
                ClassInfo type = m.declaringClass();
                AnnotationInstance classPath = type.declaredAnnotation(PATH);
                if (classPath == null) {
                    continue;
                }
                AnnotationInstance methodPath = m.annotation(PATH);
                String template = join(join(prefix, classPath.value().asString()),
                        methodPath == null ? "" : methodPath.value().asString());
                served.add(new Served(type.simpleName() + "#" + m.name() + "()", method, template, pattern(template)));
            }
        }
    }

    /** The resource methods that serve {@code path} (relative to the HTTP root path, as a route's is). */
    public List<Served> serving(String path) {
        String normal = normalize(path);
        List<Served> out = new ArrayList<>();
        for (Served s : served) {
            if (s.pattern().matcher(normal).matches()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String applicationPath(IndexView index) {
        for (AnnotationInstance a : index.getAnnotations(APPLICATION_PATH)) {
            if (a.target().kind() == AnnotationTarget.Kind.CLASS && a.value() != null) {
                return a.value().asString();
            }
        }
        return "";
    }

    private static String join(String a, String b) {
        return normalize(a + "/" + b);
    }

    /** One leading slash, no repeated or trailing ones. */
    static String normalize(String path) {
        String p = ("/" + path).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * A template's literal text quoted, each {@code {param}} as one segment ({@code [^/]+}) and each
     * {@code {param: regex}} as its regular expression, as JAX-RS matches them.
     */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        StringBuilder param = new StringBuilder();
        int depth = 0;
        for (char c : template.toCharArray()) {
            if (c == '{' && depth++ == 0) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                param.setLength(0);
            } else if (c == '}' && depth > 0 && --depth == 0) {
                int colon = param.indexOf(":");
                regex.append(colon < 0 ? "[^/]+" : "(?:" + param.substring(colon + 1).strip() + ")");
            } else if (depth > 0) {
                param.append(c);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString());
    }
}
