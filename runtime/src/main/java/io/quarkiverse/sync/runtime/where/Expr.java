package io.quarkiverse.sync.runtime.where;

import java.util.List;

/**
 * The type-checked where clause: every node has its Postgres type, every operator and function is resolved to one
 * implementation, implicit casts are explicit nodes and unknown-typed literals and params have been converted. This
 * is what the interpreter runs, what {@code normalizedSql()} prints and what a code generator would walk.
 */
public sealed interface Expr {

    PgType type();

    /** A constant; {@code value} null for SQL NULL. */
    record Const(PgType type, Object value) implements Expr {
    }

    record Column(String name, PgType type) implements Expr {
    }

    /** A {@code $n}, its value already converted to the type its first use gave it. */
    record Param(int number, PgType type, Object value, String text) implements Expr {
    }

    enum Syntax {
        /** {@code a op b} */
        INFIX,
        /** {@code op a} */
        PREFIX,
        /** {@code name(a, …)} */
        FUNCTION,
        /** {@code (a)::type} */
        CAST
    }

    /**
     * A strict operator, function or cast: NULL in any argument gives NULL without calling {@code fn}.
     *
     * @param pos byte offset in the user's text, for errors raised while folding constants
     */
    record Call(int pos, String name, Syntax syntax, List<Expr> args, PgType type, Functions.Fn fn) implements Expr {
    }

    /** {@code coalesce}, {@code greatest}, {@code least}, {@code concat}: not strict. */
    record Variadic(int pos, String name, List<Expr> args, PgType type, Functions.Fn compare) implements Expr {
    }

    record And(List<Expr> args) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    record Or(List<Expr> args) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    record Not(Expr arg) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    record NullTest(Expr arg, boolean isNot) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    record BoolTest(Expr arg, Ast.BoolTestKind kind) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    /** {@code IS [NOT] DISTINCT FROM}; {@code eq} is the resolved {@code =}. */
    record Distinct(Expr left, Expr right, boolean isNot, Functions.Fn eq) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    /** {@code arg [NOT] IN (items)}: each item is compared with the resolved {@code =} in {@code eqs}. */
    record In(Expr arg, List<Expr> items, List<Functions.Fn> eqs, boolean isNot) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    /** {@code left op ANY/ALL (array)}. */
    record Quantified(int pos, String op, Expr left, Expr array, boolean all, Functions.Fn fn) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }
    }

    record ArrayCtor(List<Expr> elements, PgType type) implements Expr {
    }

    record Subscript(Expr array, Expr lower, Expr upper, boolean slice, PgType type) implements Expr {
    }
}
