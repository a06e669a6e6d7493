package io.quarkiverse.sync.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.ChangeMessage;

/** The transform step on exact protocol bodies: rewrite, drop, duplicate, the last header, ETags, subsets, SSE. */
class TransformedResponsesTest {

    private static final String INSERT_1 = "{\"key\":\"\\\"public\\\".\\\"todos\\\"/\\\"1\\\"\","
            + "\"value\":{\"id\":\"1\",\"title\":\"a \\\"quoted\\\" ünï\",\"note\":null},"
            + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"todos\"],\"txids\":[750],"
            + "\"lsn\":\"24961936\",\"op_position\":0}}";
    private static final String UPDATE_2 = "{\"key\":\"\\\"public\\\".\\\"todos\\\"/\\\"2\\\"\","
            + "\"value\":{\"id\":\"2\",\"title\":\"b\"},\"old_value\":{\"title\":\"B\"},"
            + "\"headers\":{\"operation\":\"update\",\"relation\":[\"public\",\"todos\"],\"txids\":[750],"
            + "\"lsn\":\"24961936\",\"op_position\":2,\"last\":true}}";
    private static final String UP_TO_DATE = "{\"headers\":{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\"24961936\"}}";

    private static MessageTransform transform(Function<ChangeMessage, List<ChangeMessage>> f) {
        return MessageTransform.of(List.of(f), null);
    }

    private static String log(MessageTransform transform, String... messages) throws Exception {
        byte[] body = ("[" + String.join(",", messages) + "]").getBytes(StandardCharsets.UTF_8);
        return new String(TransformedResponses.log(body, transform), StandardCharsets.UTF_8);
    }

    @Test
    void anIdentityTransformWritesTheSameMessages() throws Exception {
        assertThat(log(transform(List::of), INSERT_1, UPDATE_2, UP_TO_DATE))
                .isEqualTo("[" + INSERT_1 + "," + UPDATE_2 + "," + UP_TO_DATE + "]");
    }

    @Test
    void aRewriteChangesOnlyWhatItSets() throws Exception {
        String out = log(transform(m -> List.of(m.withValue("title", m.value().get("title").toUpperCase()))),
                INSERT_1, UP_TO_DATE);
        assertThat(out).isEqualTo("[" + INSERT_1.replace("a \\\"quoted\\\" ünï", "A \\\"QUOTED\\\" ÜNÏ") + ","
                + UP_TO_DATE + "]");
    }

    @Test
    void controlMessagesAreCopiedUntouched() throws Exception {
        String snapshotEnd = "{\"headers\":{\"control\":\"snapshot-end\",\"xmin\":\"749\",\"xmax\":\"749\",\"xip_list\":[]}}";
        assertThat(log(transform(m -> List.of()), INSERT_1, snapshotEnd)).isEqualTo("[" + snapshotEnd + "]");
    }

    @Test
    void droppingATransactionsLastMessageMovesLastToItsPreviousEmittedMessage() throws Exception {
        String out = log(transform(m -> m.operation() == ChangeMessage.Operation.UPDATE ? List.of() : List.of(m)),
                INSERT_1, UPDATE_2, UP_TO_DATE);
        assertThat(out).isEqualTo("[" + INSERT_1.replace("\"op_position\":0}", "\"op_position\":0,\"last\":true}")
                + "," + UP_TO_DATE + "]");
    }

    @Test
    void droppingAWholeTransactionLeavesNoLast() throws Exception {
        String other = INSERT_1.replace("24961936", "24961000").replace("[750]", "[749]")
                .replace("\"op_position\":0}", "\"op_position\":0,\"last\":true}");
        String out = log(transform(m -> m.lsn().orElse("").equals("24961936") ? List.of() : List.of(m)),
                other, INSERT_1, UPDATE_2);
        assertThat(out).isEqualTo("[" + other + "]");
    }

    @Test
    void aDuplicatedLastMessageMarksOnlyItsFinalCopy() throws Exception {
        String out = log(transform(m -> List.of(m, m.withKey(m.key() + "/copy"))), UPDATE_2);
        String first = UPDATE_2.replace(",\"last\":true", "");
        String copy = UPDATE_2.replace("/\\\"2\\\"\"", "/\\\"2\\\"/copy\"");
        assertThat(out).isEqualTo("[" + first + "," + copy + "]");
    }

    @Test
    void aLastHeaderSetByATransformIsOverridden() throws Exception {
        String out = log(transform(m -> List.of(m.withHeader("last", true))), INSERT_1);
        assertThat(out).isEqualTo("[" + INSERT_1 + "]");
    }

    @Test
    void headersKeepTheirJsonTypes() throws Exception {
        String out = log(transform(m -> {
            assertThat(m.headers().get("txids")).isEqualTo(List.of(750));
            assertThat(m.headers().get("op_position")).isEqualTo(0);
            assertThat(m.lsn()).contains("24961936");
            assertThat(m.value()).containsEntry("note", null);
            return List.of(m.withHeader("extra", Map.of("n", 1.5, "list", List.of("x"))));
        }), INSERT_1);
        assertThat(out).contains("\"op_position\":0,\"extra\":{").contains("\"n\":1.5").contains("\"list\":[\"x\"]");
    }

    @Test
    void aSubsetSnapshotKeepsItsMetadataAndTransformsItsData() throws Exception {
        String snapshotRow = "{\"key\":\"k1\",\"value\":{\"id\":\"1\",\"title\":\"a\"},"
                + "\"headers\":{\"operation\":\"insert\",\"relation\":[\"public\",\"todos\"],\"snapshot_mark\":42}}";
        String metadata = "{\"xmin\":\"1000\",\"xmax\":\"1050\",\"xip_list\":[\"1025\"],\"database_lsn\":\"24961936\","
                + "\"snapshot_mark\":42}";
        byte[] body = ("{\"metadata\":" + metadata + ", \"data\": [" + snapshotRow + "]}").getBytes(StandardCharsets.UTF_8);
        String out = new String(TransformedResponses.subset(body,
                transform(m -> List.of(m.withValue("title", "A")))), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("{\"metadata\":" + metadata + ",\"data\":[" + snapshotRow.replace("\"a\"", "\"A\"")
                + "]}");
    }

    @Test
    void aTransformedResponseHasItsOwnEtagAndOnlyItsOwnEtagsRevalidate() {
        MessageTransform transform = transform(List::of);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("etag", "\"h-1:-1:0_0\"");
        ShapeResponse response = TransformedResponses.apply(new ShapeResponse(304, headers, new byte[0]), transform);
        String etag = response.headers().get("etag");
        assertThat(etag).startsWith("\"h-1:-1:0_0:t").endsWith("\"").isNotEqualTo("\"h-1:-1:0_0\"");

        Function<String, String> request = transform.requestHeaders(
                name -> name.equals("if-none-match") ? "\"h-1:-1:0_0\", " + etag : null);
        assertThat(request.apply("if-none-match")).isEqualTo("\"h-1:-1:0_0\"");
        Function<String, String> untransformed = transform.requestHeaders(name -> "\"h-1:-1:0_0\"");
        assertThat(untransformed.apply("if-none-match")).isNull();
        assertThat(transform(m -> List.of(m, m)).etag("\"h-1:-1:0_0\"")).isNotEqualTo(etag);
    }

    @Test
    void errorsAndConflictsPassUntouched() {
        ShapeResponse conflict = new ShapeResponse(409, Map.of("etag", "\"h::\""),
                "[{\"headers\":{\"control\":\"must-refetch\"}}]".getBytes(StandardCharsets.UTF_8));
        assertThat(TransformedResponses.apply(conflict, transform(m -> List.of()))).isSameAs(conflict);
    }

    @Test
    void aFailingTransformIsA500() {
        ShapeResponse page = new ShapeResponse(200, Map.of("etag", "\"h:-1:0_0\""),
                ("[" + INSERT_1 + "]").getBytes(StandardCharsets.UTF_8));
        ShapeResponse out = TransformedResponses.apply(page, transform(m -> {
            throw new IllegalStateException("boom");
        }));
        assertThat(out.status()).isEqualTo(500);
        assertThat(new String(out.body(), StandardCharsets.UTF_8)).doesNotContain("boom");
    }

    @Test
    void aTransformReturningNullIsAClearError() {
        MessageTransform transform = transform(m -> null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log(transform, INSERT_1))
                .hasMessageContaining("return List.of() to drop a change");
    }

    @Test
    void sseEventsAreRewrittenOneByOneAndKeepAlivesPass() throws Exception {
        RecordingOutput recorded = new RecordingOutput();
        SseOutput output = TransformingSseOutput.of(recorded,
                transform(m -> m.operation() == ChangeMessage.Operation.UPDATE ? List.of() : List.of(m)));
        output.open(Map.of("etag", "\"h:0_inf:5_0\""));
        output.write("data: " + INSERT_1 + "\n\ndata: " + UPDATE_2 + "\n\ndata: " + UP_TO_DATE + "\n\n");
        output.write(": keep-alive\n\n");
        assertThat(recorded.headers.get("etag")).startsWith("\"h:0_inf:5_0:t");
        assertThat(recorded.text.toString()).isEqualTo("data: "
                + INSERT_1.replace("\"op_position\":0}", "\"op_position\":0,\"last\":true}") + "\n\ndata: "
                + UP_TO_DATE + "\n\n: keep-alive\n\n");
    }

    @Test
    void withoutATransformNothingIsWrapped() {
        RecordingOutput recorded = new RecordingOutput();
        assertThat(TransformingSseOutput.of(recorded, MessageTransform.NONE)).isSameAs(recorded);
        ShapeResponse page = new ShapeResponse(200, Map.of(), new byte[] { '[', ']' });
        assertThat(TransformedResponses.apply(page, MessageTransform.NONE)).isSameAs(page);
    }

    private static final class RecordingOutput implements SseOutput {
        Map<String, String> headers;
        final StringBuilder text = new StringBuilder();

        @Override
        public void open(Map<String, String> headers) {
            this.headers = headers;
        }

        @Override
        public void write(String text) {
            this.text.append(text);
        }

        @Override
        public void end() {
        }

        @Override
        public boolean isClosed() {
            return false;
        }
    }
}
