package io.quarkiverse.sync.runtime.pg;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one pgoutput message (protocol version 1, text values) into a {@link PgMessage}.
 * <p>
 * Pure: no I/O, no state between messages — relation and type metadata is joined to changes later
 * ({@link TransactionAssembler}). The layout of every message is PostgreSQL's "Logical Replication Message Formats";
 * in protocol 1 no message carries the streamed-transaction xid field, and values are never binary (we do not ask for
 * the {@code binary} option).
 */
public final class PgOutputDecoder {

    /** Truncate option bits. */
    private static final int TRUNCATE_CASCADE = 1;
    private static final int TRUNCATE_RESTART_IDENTITY = 2;

    /** Relation column flag bit: part of the replica identity. */
    private static final int COLUMN_FLAG_KEY = 1;

    /**
     * @param message the payload of one XLogData message, positioned at the message type byte; it is not modified
     * @return the message, or {@code null} for the kinds we skip (Origin {@code 'O'}, logical decoding message
     *         {@code 'M'})
     * @throws PgOutputFormatException for an unknown message kind or a malformed message
     */
    public PgMessage decode(ByteBuffer message) {
        PgBufferReader in = new PgBufferReader(message);
        char type = in.readChar();
        PgMessage decoded = switch (type) {
            case 'B' -> decodeBegin(in);
            case 'C' -> decodeCommit(in);
            case 'R' -> decodeRelation(in);
            case 'Y' -> decodeType(in);
            case 'I' -> decodeInsert(in);
            case 'U' -> decodeUpdate(in);
            case 'D' -> decodeDelete(in);
            case 'T' -> decodeTruncate(in);
            // Origin: only set when changes were themselves replicated from elsewhere; nothing for us to do.
            // Message: pg_logical_emit_message() payloads, not table data.
            case 'O', 'M' -> null;
            default -> throw new PgOutputFormatException("Unknown pgoutput message type '" + printable(type)
                    + "' (streamed transactions and binary values are not requested under protocol version 1)");
        };
        if (decoded != null && in.hasRemaining()) {
            throw new PgOutputFormatException("pgoutput message '" + type + "' has " + in.remaining()
                    + " unexpected trailing bytes");
        }
        return decoded;
    }

    private static PgMessage.Begin decodeBegin(PgBufferReader in) {
        Lsn finalLsn = Lsn.fromLong(in.readInt64());
        long commitTime = in.readInt64();
        int xid = in.readInt32();
        return new PgMessage.Begin(finalLsn, commitTime, xid);
    }

    private static PgMessage.Commit decodeCommit(PgBufferReader in) {
        in.readByte(); // flags, unused
        Lsn commitLsn = Lsn.fromLong(in.readInt64());
        Lsn endLsn = Lsn.fromLong(in.readInt64());
        long commitTime = in.readInt64();
        return new PgMessage.Commit(commitLsn, endLsn, commitTime);
    }

    private static PgMessage.Relation decodeRelation(PgBufferReader in) {
        int oid = in.readInt32();
        String schema = in.readCString();
        String table = in.readCString();
        char replicaIdentity = in.readChar();
        int columnCount = Short.toUnsignedInt(in.readInt16());
        List<PgMessage.Relation.Column> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            int flags = in.readByte();
            String name = in.readCString();
            int typeOid = in.readInt32();
            int typeModifier = in.readInt32();
            columns.add(new PgMessage.Relation.Column((flags & COLUMN_FLAG_KEY) != 0, name, typeOid, typeModifier));
        }
        return new PgMessage.Relation(oid, schema, table, replicaIdentity, columns);
    }

    private static PgMessage.Type decodeType(PgBufferReader in) {
        int oid = in.readInt32();
        String schema = in.readCString();
        String name = in.readCString();
        return new PgMessage.Type(oid, schema, name);
    }

    private static PgMessage.Insert decodeInsert(PgBufferReader in) {
        int relationOid = in.readInt32();
        expectTupleMarker(in, 'N', "insert");
        return new PgMessage.Insert(relationOid, decodeTuple(in, TupleData.Kind.NEW));
    }

    private static PgMessage.Update decodeUpdate(PgBufferReader in) {
        int relationOid = in.readInt32();
        char marker = in.readChar();
        TupleData oldTuple = null;
        if (marker == 'K' || marker == 'O') {
            oldTuple = decodeTuple(in, marker == 'K' ? TupleData.Kind.KEY : TupleData.Kind.OLD);
            marker = in.readChar();
        }
        if (marker != 'N') {
            throw new PgOutputFormatException("Update: expected the new tuple marker 'N', got '" + printable(marker) + "'");
        }
        return new PgMessage.Update(relationOid, oldTuple, decodeTuple(in, TupleData.Kind.NEW));
    }

    private static PgMessage.Delete decodeDelete(PgBufferReader in) {
        int relationOid = in.readInt32();
        char marker = in.readChar();
        if (marker != 'K' && marker != 'O') {
            throw new PgOutputFormatException("Delete: expected the old tuple marker 'K' or 'O', got '"
                    + printable(marker) + "'");
        }
        return new PgMessage.Delete(relationOid, decodeTuple(in, marker == 'K' ? TupleData.Kind.KEY : TupleData.Kind.OLD));
    }

    private static PgMessage.Truncate decodeTruncate(PgBufferReader in) {
        int relationCount = in.readInt32();
        int options = in.readByte();
        if (relationCount < 0 || (long) relationCount * Integer.BYTES > in.remaining()) {
            throw new PgOutputFormatException("Truncate: " + relationCount + " relations do not fit in the message");
        }
        List<Integer> oids = new ArrayList<>(relationCount);
        for (int i = 0; i < relationCount; i++) {
            oids.add(in.readInt32());
        }
        return new PgMessage.Truncate(oids, (options & TRUNCATE_CASCADE) != 0, (options & TRUNCATE_RESTART_IDENTITY) != 0);
    }

    private static void expectTupleMarker(PgBufferReader in, char expected, String message) {
        char marker = in.readChar();
        if (marker != expected) {
            throw new PgOutputFormatException(message + ": expected the tuple marker '" + expected + "', got '"
                    + printable(marker) + "'");
        }
    }

    private static TupleData decodeTuple(PgBufferReader in, TupleData.Kind kind) {
        int columnCount = Short.toUnsignedInt(in.readInt16());
        List<TupleData.Value> values = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            char valueKind = in.readChar();
            values.add(switch (valueKind) {
                case 'n' -> TupleData.Value.NULL;
                case 'u' -> TupleData.Value.UNCHANGED_TOAST;
                case 't' -> TupleData.Value.text(in.readUtf8(in.readInt32()));
                default -> throw new PgOutputFormatException("Tuple column " + i + ": unknown value kind '"
                        + printable(valueKind) + "' (binary values are not requested)");
            });
        }
        return new TupleData(kind, values);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c);
    }
}
