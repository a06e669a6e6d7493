package io.quarkiverse.sync.runtime.http;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkiverse.sync.ChangeMessage;

/**
 * What a transform costs per message on a log page of todo inserts, against the untransformed byte copy: an identity
 * function, a rewrite (title in capitals), a drop of half the rows, and the entity form. Prints figures; asserts
 * nothing.
 * <p>
 * {@code java -cp "$CP" io.quarkiverse.sync.runtime.http.TransformBenchmark [messages per page] [rounds]}
 */
public final class TransformBenchmark {

    public static class Todo {
        public Long id;
        public String title;
        public boolean completed;
        @jakarta.persistence.Column(name = "owner_id")
        public UUID ownerId;
        @jakarta.persistence.Column(name = "created_at")
        public OffsetDateTime createdAt;
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] page = page(messages);
        System.out.printf(Locale.ROOT, "page: %d inserts, %.1f MiB%n", messages, page.length / 1048576.0);
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        MessageTransform identity = MessageTransform.of(List.of(List::of), null);
        MessageTransform rewrite = MessageTransform.of(List.of(m -> List.of(m.withValue("title",
                m.value().get("title").toUpperCase(Locale.ROOT)))), null);
        MessageTransform drop = MessageTransform.of(List.of(m -> m.value().get("id").endsWith("0")
                || m.value().get("id").endsWith("2") || m.value().get("id").endsWith("4")
                || m.value().get("id").endsWith("6") || m.value().get("id").endsWith("8") ? List.of() : List.of(m)),
                null);
        MessageTransform entity = MessageTransform.of(List.of(), EntityForm.of(Todo.class, mapper));
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "round %d:%n", round);
            measure("no transform (byte copy)", messages, () -> {
                String copy = "[" + new String(page, 1, page.length - 2, StandardCharsets.UTF_8) + "]";
                return copy.getBytes(StandardCharsets.UTF_8).length;
            });
            measure("identity function", messages, () -> TransformedResponses.log(page, identity).length);
            measure("rewrite (title upper case)", messages, () -> TransformedResponses.log(page, rewrite).length);
            measure("drop half", messages, () -> TransformedResponses.log(page, drop).length);
            measure("entity form", messages, () -> TransformedResponses.log(page, entity).length);
        }
    }

    private interface Run {
        int run() throws Exception;
    }

    private static void measure(String what, int messages, Run run) throws Exception {
        long start = System.nanoTime();
        int bytes = run.run();
        long nanos = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "  %-28s %8.0f ns/message  %7.1f MiB/s out  (%d bytes)%n", what,
                (double) nanos / messages, bytes / 1048576.0 / (nanos / 1e9), bytes);
    }

    private static byte[] page(int messages) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 1; i <= messages; i++) {
            if (i > 1) {
                out.append(',');
            }
            out.append("{\"key\":\"\\\"public\\\".\\\"todos\\\"/\\\"").append(i).append("\\\"\",\"value\":{\"id\":\"")
                    .append(i).append("\",\"title\":\"Todo number ").append(i)
                    .append(" with a title of ordinary length\",\"completed\":\"").append(i % 3 == 0 ? 't' : 'f')
                    .append("\",\"owner_id\":\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\",\"created_at\":")
                    .append("\"2024-02-29 11:45:01.123456+00\"},\"headers\":{\"operation\":\"insert\",")
                    .append("\"relation\":[\"public\",\"todos\"],\"txids\":[750],\"lsn\":\"24961936\",\"op_position\":")
                    .append(i * 2).append("}}");
        }
        return out.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    static {
        ChangeMessage.Operation.values(); // load the public API classes before the first measurement
    }
}
