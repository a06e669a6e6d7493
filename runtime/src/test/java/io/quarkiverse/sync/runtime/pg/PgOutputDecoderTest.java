package io.quarkiverse.sync.runtime.pg;

import static io.quarkiverse.sync.runtime.pg.PgOutputBytes.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sync.runtime.pg.PgMessage.Relation.Column;
import io.quarkiverse.sync.runtime.pg.TupleData.Value;

class PgOutputDecoderTest {

    private static final int TEXT_OID = 25;
    private static final int INT4_OID = 23;
    private static final int VARCHAR_OID = 1043;

    private final PgOutputDecoder decoder = new PgOutputDecoder();

    @Test
    void begin() {
        PgMessage decoded = decoder.decode(message('B').int64(0x16_B374D848L).int64(762_522_301_123_456L)
                .int32(0xFFFF_FFFE).buffer());

        assertThat(decoded).isEqualTo(new PgMessage.Begin(Lsn.parse("16/B374D848"), 762_522_301_123_456L, -2));
        assertThat(((PgMessage.Begin) decoded).xidUnsigned()).isEqualTo(4_294_967_294L);
    }

    @Test
    void commit() {
        PgMessage decoded = decoder.decode(message('C').byte1(0).int64(0x1_00000010L).int64(0x1_00000040L)
                .int64(762_522_301_123_456L).buffer());

        assertThat(decoded).isEqualTo(new PgMessage.Commit(Lsn.parse("1/10"), Lsn.parse("1/40"), 762_522_301_123_456L));
        assertThat(PgTime.toInstant(762_522_301_123_456L)).hasToString("2024-02-29T11:45:01.123456Z");
    }

    @Test
    void relation() {
        PgMessage decoded = decoder.decode(message('R').int32(16_385).string("public").string("items").byte1('f')
                .int16(3)
                .byte1(1).string("id").int32(INT4_OID).int32(-1)
                .byte1(0).string("title").int32(VARCHAR_OID).int32(84)
                .byte1(0).string("ünï \"côdé\"").int32(TEXT_OID).int32(-1)
                .buffer());

        assertThat(decoded).isEqualTo(new PgMessage.Relation(16_385, "public", "items", 'f', List.of(
                new Column(true, "id", INT4_OID, -1),
                new Column(false, "title", VARCHAR_OID, 84),
                new Column(false, "ünï \"côdé\"", TEXT_OID, -1))));
    }

    @Test
    void relationInPgCatalogHasEmptySchemaAndNoColumns() {
        PgMessage decoded = decoder.decode(message('R').int32(1).string("").string("t").byte1('n').int16(0).buffer());

        assertThat(decoded).isEqualTo(new PgMessage.Relation(1, "", "t", 'n', List.of()));
    }

    @Test
    void type() {
        PgMessage decoded = decoder.decode(message('Y').int32(16_400).string("public").string("mood").buffer());

        assertThat(decoded).isEqualTo(new PgMessage.Type(16_400, "public", "mood"));
    }

    @Test
    void insertWithTextNullAndUnicode() {
        PgMessage decoded = decoder.decode(message('I').int32(16_385).byte1('N').int16(4)
                .text("42").text("Grüße, 世界 🎉 it's \"quoted\"").nul().text("")
                .buffer());

        assertThat(decoded).isInstanceOf(PgMessage.Insert.class);
        PgMessage.Insert insert = (PgMessage.Insert) decoded;
        assertThat(insert.relationOid()).isEqualTo(16_385);
        TupleData tuple = insert.newTuple();
        assertThat(tuple.kind()).isEqualTo(TupleData.Kind.NEW);
        assertThat(tuple.values()).containsExactly(Value.text("42"), Value.text("Grüße, 世界 🎉 it's \"quoted\""),
                Value.NULL, Value.text(""));
        assertThat(tuple.text(0)).isEqualTo("42");
        assertThat(tuple.isNull(2)).isTrue();
        assertThat(tuple.text(2)).isNull();
        assertThat(tuple.isNull(3)).isFalse();
        assertThat(tuple.text(3)).isEmpty();
    }

    @Test
    void updateWithoutOldTupleAndUnchangedToast() {
        PgMessage decoded = decoder.decode(message('U').int32(7).byte1('N').int16(3)
                .text("1").unchangedToast().nul().buffer());

        PgMessage.Update update = (PgMessage.Update) decoded;
        assertThat(update.relationOid()).isEqualTo(7);
        assertThat(update.oldTuple()).isNull();
        assertThat(update.newTuple().values()).containsExactly(Value.text("1"), Value.UNCHANGED_TOAST, Value.NULL);
        assertThat(update.newTuple().isUnchangedToast(1)).isTrue();
        assertThat(update.newTuple().isNull(1)).isFalse();
        assertThatThrownBy(() -> update.newTuple().text(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unchanged TOAST");
    }

    @Test
    void updateWithKeyOnlyOldTuple() {
        PgMessage decoded = decoder.decode(message('U').int32(7)
                .byte1('K').int16(2).text("1").nul()
                .byte1('N').int16(2).text("2").text("b").buffer());

        PgMessage.Update update = (PgMessage.Update) decoded;
        assertThat(update.oldTuple()).isEqualTo(new TupleData(TupleData.Kind.KEY, List.of(Value.text("1"), Value.NULL)));
        assertThat(update.newTuple()).isEqualTo(new TupleData(TupleData.Kind.NEW, List.of(Value.text("2"), Value.text("b"))));
    }

    @Test
    void updateWithFullOldTuple() {
        PgMessage decoded = decoder.decode(message('U').int32(7)
                .byte1('O').int16(2).text("1").text("a")
                .byte1('N').int16(2).text("1").text("b").buffer());

        PgMessage.Update update = (PgMessage.Update) decoded;
        assertThat(update.oldTuple()).isEqualTo(new TupleData(TupleData.Kind.OLD, List.of(Value.text("1"), Value.text("a"))));
        assertThat(update.newTuple().values()).containsExactly(Value.text("1"), Value.text("b"));
    }

    @Test
    void deleteWithKeyAndWithOldTuple() {
        PgMessage key = decoder.decode(message('D').int32(9).byte1('K').int16(2).text("5").nul().buffer());
        PgMessage old = decoder.decode(message('D').int32(9).byte1('O').int16(2).text("5").text("x").buffer());

        assertThat(key).isEqualTo(new PgMessage.Delete(9,
                new TupleData(TupleData.Kind.KEY, List.of(Value.text("5"), Value.NULL))));
        assertThat(old).isEqualTo(new PgMessage.Delete(9,
                new TupleData(TupleData.Kind.OLD, List.of(Value.text("5"), Value.text("x")))));
    }

    @Test
    void truncateWithOptions() {
        assertThat(decoder.decode(message('T').int32(2).byte1(0).int32(10).int32(11).buffer()))
                .isEqualTo(new PgMessage.Truncate(List.of(10, 11), false, false));
        assertThat(decoder.decode(message('T').int32(1).byte1(1).int32(10).buffer()))
                .isEqualTo(new PgMessage.Truncate(List.of(10), true, false));
        assertThat(decoder.decode(message('T').int32(1).byte1(2).int32(10).buffer()))
                .isEqualTo(new PgMessage.Truncate(List.of(10), false, true));
        assertThat(decoder.decode(message('T').int32(1).byte1(3).int32(10).buffer()))
                .isEqualTo(new PgMessage.Truncate(List.of(10), true, true));
    }

    @Test
    void originAndLogicalMessagesAreSkipped() {
        assertThat(decoder.decode(message('O').int64(0x10L).string("node_a").buffer())).isNull();
        assertThat(decoder.decode(message('M').byte1(1).int64(0x10L).string("prefix").int32(3).byte1('a').byte1('b')
                .byte1('c').buffer())).isNull();
    }

    @Test
    void decodesFromTheBufferPositionWithoutMovingIt() {
        byte[] payload = message('Y').int32(1).string("s").string("t").bytes();
        byte[] framed = new byte[payload.length + 3];
        System.arraycopy(payload, 0, framed, 3, payload.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed);
        buffer.position(3);

        assertThat(decoder.decode(buffer)).isEqualTo(new PgMessage.Type(1, "s", "t"));
        assertThat(buffer.position()).isEqualTo(3);
        assertThat(decoder.decode(buffer.slice().asReadOnlyBuffer())).isEqualTo(new PgMessage.Type(1, "s", "t"));
    }

    @Test
    void largeColumnCountsAreUnsigned() {
        PgOutputBytes bytes = message('I').int32(1).byte1('N').int16(40_000);
        for (int i = 0; i < 40_000; i++) {
            bytes.nul();
        }
        assertThat(((PgMessage.Insert) decoder.decode(bytes.buffer())).newTuple().size()).isEqualTo(40_000);
    }

    @Test
    void rejectsUnknownMessageType() {
        assertThatThrownBy(() -> decoder.decode(message('S').int32(1).byte1(1).buffer()))
                .isInstanceOf(PgOutputFormatException.class).hasMessageContaining("Unknown pgoutput message type 'S'");
    }

    @Test
    void rejectsBinaryValues() {
        assertThatThrownBy(() -> decoder.decode(message('I').int32(1).byte1('N').int16(1).byte1('b').int32(1).byte1(0)
                .buffer())).isInstanceOf(PgOutputFormatException.class).hasMessageContaining("'b'");
    }

    @Test
    void rejectsTruncatedMessages() {
        byte[] full = message('I').int32(1).byte1('N').int16(1).text("hello").bytes();
        for (int length = 1; length < full.length; length++) {
            ByteBuffer cut = ByteBuffer.wrap(full, 0, length);
            assertThatThrownBy(() -> decoder.decode(cut)).as("cut at %d", length).isInstanceOf(PgOutputFormatException.class);
        }
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(0))).isInstanceOf(PgOutputFormatException.class);
    }

    @Test
    void rejectsTrailingBytesAndBadMarkers() {
        assertThatThrownBy(() -> decoder.decode(message('Y').int32(1).string("s").string("t").byte1(0).buffer()))
                .isInstanceOf(PgOutputFormatException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> decoder.decode(message('I').int32(1).byte1('K').int16(0).buffer()))
                .isInstanceOf(PgOutputFormatException.class);
        assertThatThrownBy(() -> decoder.decode(message('U').int32(1).byte1('X').int16(0).buffer()))
                .isInstanceOf(PgOutputFormatException.class);
        assertThatThrownBy(() -> decoder.decode(message('D').int32(1).byte1('N').int16(0).buffer()))
                .isInstanceOf(PgOutputFormatException.class);
        assertThatThrownBy(() -> decoder.decode(message('T').int32(1_000_000).byte1(0).buffer()))
                .isInstanceOf(PgOutputFormatException.class);
    }
}
