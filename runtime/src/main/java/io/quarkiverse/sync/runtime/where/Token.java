package io.quarkiverse.sync.runtime.where;

/**
 * One lexical token of the where clause.
 *
 * @param kind what it is
 * @param text the token exactly as written, which is what syntax errors quote
 * @param value identifier folded to lower case, string literal with escapes applied, operator with {@code !=}
 *        spelled {@code <>}
 * @param pos byte offset (UTF-8) in the user's text
 */
record Token(Kind kind, String text, String value, int pos) {

    enum Kind {
        IDENT, QUOTED_IDENT, INTEGER, DECIMAL, STRING, BIT_STRING, PARAM, OP, PUNCT, TYPECAST, EOF,
        /** A lexical error; {@code value} is the full message, raised only when the parser reaches it. */
        ERROR
    }

    boolean is(Kind k, String v) {
        return kind == k && value.equals(v);
    }

    boolean isPunct(String v) {
        return kind == Kind.PUNCT && value.equals(v);
    }

    boolean isOp(String v) {
        return kind == Kind.OP && value.equals(v);
    }

    /** An unquoted identifier or keyword with this (lower-case) spelling. */
    boolean isWord(String v) {
        return kind == Kind.IDENT && value.equals(v);
    }
}
