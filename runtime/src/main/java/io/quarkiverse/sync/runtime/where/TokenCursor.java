package io.quarkiverse.sync.runtime.where;

import java.util.List;
import java.util.Set;

import io.quarkiverse.sync.runtime.where.Token.Kind;

/**
 * The parser's position in the token list. A lexical error token raises its error only when reached, as
 * Postgres' on-demand scanner would.
 */
final class TokenCursor {

    private final List<Token> tokens;
    private int p;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Steps back one token (after looking at a keyword that turns out to start a type name). */
    void back() {
        p--;
    }

    Token peek() throws WhereException {
        return checked(tokens.get(p));
    }

    Token peek(int ahead) throws WhereException {
        return checked(tokens.get(Math.min(p + ahead, tokens.size() - 1)));
    }

    private static Token checked(Token t) throws WhereException {
        if (t.kind() == Kind.ERROR) {
            throw WhereException.where(t.value());
        }
        return t;
    }

    Token advance() throws WhereException {
        Token t = checked(tokens.get(p));
        if (t.kind() != Kind.EOF) {
            p++;
        }
        return t;
    }

    WhereException syntaxError(Token t) {
        int at = tokens.indexOf(t);
        if (t.kind() == Kind.IDENT && Set.of("not", "nulls", "with", "without").contains(t.value()) && at >= 0
                && at + 1 < tokens.size() && tokens.get(at + 1).kind() == Kind.ERROR) {
            // Postgres' scanner reads the token after these keywords before the parser sees them.
            return WhereException.where(tokens.get(at + 1).value());
        }
        if (t.kind() == Kind.EOF) {
            return Lexer.syntaxError("syntax error at end of input", t.pos());
        }
        return Lexer.syntaxError("syntax error at or near \"" + t.text() + "\"", t.pos());
    }

    Token expectPunct(String v) throws WhereException {
        Token t = peek();
        if (!t.isPunct(v)) {
            throw syntaxError(t);
        }
        return advance();
    }

    Token expectWord(String v) throws WhereException {
        Token t = peek();
        if (!t.isWord(v)) {
            throw syntaxError(t);
        }
        return advance();
    }

    /** A NOT the scanner turns into NOT_LA (followed by IN, BETWEEN, LIKE, ILIKE, SIMILAR): not a label. */
    boolean isNotLa(Token t) {
        int at = tokens.indexOf(t);
        if (!t.isWord("not") || at < 0 || at + 1 >= tokens.size()) {
            return false;
        }
        Token n = tokens.get(at + 1);
        return n.kind() == Kind.IDENT && Set.of("in", "between", "like", "ilike", "similar").contains(n.value());
    }

    void expectNumber() throws WhereException {
        Token t = peek();
        if (t.kind() != Kind.INTEGER || t.value().length() > 10 || Long.parseLong(t.value()) > Integer.MAX_VALUE) {
            throw syntaxError(t);
        }
        advance();
    }

}
