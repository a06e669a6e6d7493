package io.quarkiverse.sync.runtime.where;

import java.util.List;

/**
 * The parsed where clause, before type checking. Every node keeps {@code pos}: the 0-based UTF-8 byte offset in the
 * user's text of the token Postgres reports for that node (the operator for an operator, the {@code ::} of a cast,
 * the first token otherwise), so errors can say {@code At location N}.
 */
public sealed interface Ast {

    int pos();

    enum ConstKind {
        INTEGER, DECIMAL, STRING, TRUE, FALSE, NULL, BIT_STRING
    }

    /** A literal as written; numbers keep their digits so nothing is lost before the type is known. */
    record Const(int pos, ConstKind kind, String text) implements Ast {
    }

    /** A column. {@code name} is as stored (unquoted names are lower-cased); {@code quoted} for messages. */
    record ColumnRef(int pos, String name, boolean quoted) implements Ast {
    }

    record Param(int pos, int number) implements Ast {
    }

    /** {@code x::t}, {@code CAST(x AS t)} and typed literals {@code date '…'}. */
    record TypeCast(int pos, Ast arg, TypeName type) implements Ast {
    }

    /** A binary operator, or a prefix one when {@code left} is null. LIKE is {@code ~~}, NOT ILIKE {@code !~~*}. */
    record Op(int pos, String op, Ast left, Ast right) implements Ast {
    }

    record And(int pos, List<Ast> args) implements Ast {
    }

    record Or(int pos, List<Ast> args) implements Ast {
    }

    record Not(int pos, Ast arg) implements Ast {
    }

    record NullTest(int pos, Ast arg, boolean isNot) implements Ast {
    }

    enum BoolTestKind {
        IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE, IS_UNKNOWN, IS_NOT_UNKNOWN
    }

    record BoolTest(int pos, Ast arg, BoolTestKind kind) implements Ast {
    }

    record DistinctFrom(int pos, Ast left, Ast right, boolean isNot) implements Ast {
    }

    record InList(int pos, Ast arg, List<Ast> list, boolean isNot) implements Ast {
    }

    record Between(int pos, Ast arg, Ast lower, Ast upper, boolean isNot, boolean symmetric) implements Ast {
    }

    /** {@code left op ANY(array)} or {@code ALL}. */
    record Quantified(int pos, String op, Ast left, Ast array, boolean all) implements Ast {
    }

    record ArrayCtor(int pos, List<Ast> elements) implements Ast {
    }

    /** {@code a[i]}, or {@code a[i:j]} when {@code slice} (either bound may then be null). */
    record Subscript(int pos, Ast arg, Ast lower, Ast upper, boolean slice) implements Ast {
    }

    /** A function call; {@code name} lower-cased unless quoted. {@code AT TIME ZONE} becomes {@code timezone}. */
    record FuncCall(int pos, String name, List<Ast> args) implements Ast {
    }

    /** A construct the grammar accepts but shapes do not; type checking reports {@code reason}. */
    record Unsupported(int pos, String reason) implements Ast {
    }

    /**
     * A type name as written in a cast. {@code name} is the canonical typname ({@code integer} is {@code int4});
     * {@code arrayDims} counts {@code []}; {@code typmod} whether {@code (n)} followed.
     */
    record TypeName(int pos, String name, int arrayDims, boolean typmod) {
    }
}
