package io.quarkiverse.sync.runtime.where;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the where clause into tokens the way PostgreSQL's scanner ({@code scan.l}) does, so that syntax errors name
 * the same token Postgres would. Positions are UTF-8 byte offsets, as libpg_query reports them.
 */
final class Lexer {

    /** libpg_query refuses statements longer than this; our wrapper adds {@link Parser#PREFIX}. */
    static final int MAX_BYTES = 65536;

    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    /** An operator containing one of these may end in + or - (scan.l's rule for prefix operators). */
    private static final String NON_MATH_OP_CHARS = "~!@#^&|`?%";

    private final String src;
    private final int[] byteOffsets;
    private int i;

    private Lexer(String src) {
        this.src = src;
        this.byteOffsets = new int[src.length() + 1];
        int b = 0;
        for (int k = 0; k < src.length(); k++) {
            byteOffsets[k] = b;
            char c = src.charAt(k);
            if (c < 0x80) {
                b += 1;
            } else if (c < 0x800) {
                b += 2;
            } else if (Character.isHighSurrogate(c)) {
                b += 2; // with its low surrogate, a 4-byte sequence
            } else if (Character.isLowSurrogate(c)) {
                b += 2;
            } else {
                b += 3;
            }
        }
        byteOffsets[src.length()] = b;
    }

    static List<Token> tokenize(String src) throws WhereException {
        int bytes = src.getBytes(StandardCharsets.UTF_8).length;
        if (bytes + Parser.PREFIX.length() > MAX_BYTES) {
            throw WhereException.where("query string is " + (bytes + Parser.PREFIX.length())
                    + " bytes, bigger than maximum size " + MAX_BYTES);
        }
        Lexer lx = new Lexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            try {
                t = lx.next();
            } catch (WhereException e) {
                // Postgres' scanner runs on demand, so an earlier syntax error wins over this one: defer it.
                out.add(new Token(Token.Kind.ERROR, "", e.getMessage(), lx.byteOffsets[Math.min(lx.i, src.length())]));
                t = new Token(Token.Kind.EOF, "", "", lx.byteOffsets[src.length()]);
            }
            out.add(t);
        } while (t.kind() != Token.Kind.EOF);
        return out;
    }

    private WhereException error(String what, int start) {
        return syntaxError(what + " at or near \"" + src.substring(start) + "\"", byteOffsets[start]);
    }

    static WhereException syntaxError(String message, int userByteOffset) {
        return WhereException.at(userByteOffset + Parser.PREFIX.length(), message);
    }

    private Token tok(Token.Kind kind, int start, String value) {
        return new Token(kind, src.substring(start, i), value, byteOffsets[start]);
    }

    private Token next() throws WhereException {
        skipSpaceAndComments();
        int n = src.length();
        if (i >= n) {
            return new Token(Token.Kind.EOF, "", "", byteOffsets[n]);
        }
        int start = i;
        char c = src.charAt(i);
        char c1 = i + 1 < n ? src.charAt(i + 1) : 0;
        if (c == '\'') {
            return tok(Token.Kind.STRING, start, quoted(start, false));
        }
        if ((c == 'e' || c == 'E') && c1 == '\'') {
            i++;
            return tok(Token.Kind.STRING, start, quoted(start, true));
        }
        if ((c == 'n' || c == 'N') && c1 == '\'') {
            // scan.l hands N'…' over as the keyword NCHAR followed by the string
            i++;
            return tok(Token.Kind.IDENT, start, "nchar");
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && c1 == '\'') {
            i++;
            return tok(Token.Kind.BIT_STRING, start, bitString(start, c == 'x' || c == 'X'));
        }
        if (c == '"') {
            return quotedIdent(start);
        }
        if (isIdentStart(c)) {
            i++;
            while (i < n && isIdentCont(src.charAt(i))) {
                i++;
            }
            return tok(Token.Kind.IDENT, start, asciiLower(src.substring(start, i)));
        }
        if (isDigit(c) || (c == '.' && isDigit(c1))) {
            return number(start);
        }
        if (c == '$' && isDigit(c1)) {
            i++;
            while (i < n && isDigit(src.charAt(i))) {
                i++;
            }
            if (i < n && isIdentStart(src.charAt(i))) {
                while (i < n && isIdentCont(src.charAt(i))) {
                    i++;
                }
                throw syntaxError("trailing junk after parameter at or near \"" + src.substring(start, i) + "\"",
                        byteOffsets[start]);
            }
            return tok(Token.Kind.PARAM, start, src.substring(start + 1, i));
        }
        if (c == '$' && (c1 == '$' || isIdentStart(c1))) {
            Token dollar = dollarQuoted(start);
            if (dollar != null) {
                return dollar;
            }
        }
        if (c == ':' && c1 == ':') {
            i += 2;
            return tok(Token.Kind.TYPECAST, start, "::");
        }
        if (c == ':' && c1 == '=' || c == '.' && c1 == '.') {
            // COLON_EQUALS and DOT_DOT: tokens of their own (named arguments, PL/pgSQL ranges)
            i += 2;
            return tok(Token.Kind.PUNCT, start, src.substring(start, i));
        }
        if ("(),[];:.".indexOf(c) >= 0) {
            i++;
            return tok(Token.Kind.PUNCT, start, String.valueOf(c));
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        // Any other character is a token of its own that no grammar rule accepts (scan.l's {other}).
        i++;
        return tok(Token.Kind.PUNCT, start, src.substring(start, i));
    }

    private WhereException syntaxAt(int start) {
        return syntaxError("syntax error at or near \"" + src.substring(start, i) + "\"", byteOffsets[start]);
    }

    private void skipSpaceAndComments() throws WhereException {
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                i++;
            } else if (c == '-' && i + 1 < n && src.charAt(i + 1) == '-') {
                while (i < n && src.charAt(i) != '\n' && src.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int start = i;
                int depth = 0;
                while (true) {
                    if (i + 1 >= n) {
                        i = n;
                        throw error("unterminated /* comment", start);
                    }
                    if (src.charAt(i) == '/' && src.charAt(i + 1) == '*') {
                        depth++;
                        i += 2;
                    } else if (src.charAt(i) == '*' && src.charAt(i + 1) == '/') {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
            } else {
                return;
            }
        }
    }

    /**
     * Reads a '…' literal starting at {@code i}; Postgres joins literals separated by a newline. An unterminated one is
     * reported at {@code tokenStart}, where Postgres' scanner set the token's location: the {@code E} of
     * {@code E'…'}, and the first part of a continued literal.
     */
    private String quoted(int tokenStart, boolean escapes) throws WhereException {
        StringBuilder sb = new StringBuilder();
        int n = src.length();
        while (true) {
            i++; // opening quote
            while (true) {
                if (i >= n) {
                    throw error("unterminated quoted string", tokenStart);
                }
                char c = src.charAt(i);
                if (c == '\'') {
                    if (i + 1 < n && src.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (escapes && c == '\\' && i + 1 < n) {
                    i = escape(sb, i + 1);
                    continue;
                }
                sb.append(c);
                i++;
            }
            int save = i;
            boolean newline = false;
            while (i < n && Character.isWhitespace(src.charAt(i))) {
                newline |= src.charAt(i) == '\n' || src.charAt(i) == '\r';
                i++;
            }
            if (!(newline && i < n && src.charAt(i) == '\'')) {
                i = save;
                return sb.toString();
            }
        }
    }

    /** $tag$…$tag$ (tag possibly empty); null when this $ does not open one. */
    private Token dollarQuoted(int start) throws WhereException {
        int k = start + 1;
        while (k < src.length() && src.charAt(k) != '$' && isIdentCont(src.charAt(k))) {
            k++;
        }
        if (k >= src.length() || src.charAt(k) != '$') {
            return null;
        }
        String delimiter = src.substring(start, k + 1);
        int end = src.indexOf(delimiter, k + 1);
        if (end < 0) {
            i = src.length();
            throw error("unterminated dollar-quoted string", start);
        }
        String value = src.substring(k + 1, end);
        i = end + delimiter.length();
        return tok(Token.Kind.STRING, start, value);
    }

    /** B'…' / X'…': no '' escape and no continuation inside a bit string. */
    private String bitString(int start, boolean hex) throws WhereException {
        int end = src.indexOf('\'', i + 1);
        if (end < 0) {
            i = src.length();
            throw error(hex ? "unterminated hexadecimal string literal" : "unterminated bit string literal", start);
        }
        String v = src.substring(i + 1, end);
        i = end + 1;
        return v;
    }

    private int escape(StringBuilder sb, int k) throws WhereException {
        char c = src.charAt(k);
        switch (c) {
            case 'b': sb.append('\b'); return k + 1;
            case 'f': sb.append('\f'); return k + 1;
            case 'n': sb.append('\n'); return k + 1;
            case 'r': sb.append('\r'); return k + 1;
            case 't': sb.append('\t'); return k + 1;
            case 'x': {
                int end = k + 1;
                while (end < src.length() && end < k + 3 && Character.digit(src.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == k + 1) {
                    sb.append('x');
                    return end;
                }
                return appendCode(sb, Integer.parseInt(src.substring(k + 1, end), 16), end, k);
            }
            case 'u':
            case 'U': {
                int len = c == 'u' ? 4 : 8;
                if (k + 1 + len > src.length()) {
                    throw syntaxError("invalid Unicode escape", byteOffsets[k - 1]);
                }
                String hex = src.substring(k + 1, k + 1 + len);
                for (int j = 0; j < len; j++) {
                    if (Character.digit(hex.charAt(j), 16) < 0) {
                        throw syntaxError("invalid Unicode escape", byteOffsets[k - 1]);
                    }
                }
                return appendCode(sb, (int) Long.parseLong(hex, 16), k + 1 + len, k);
            }
            default:
                if (c >= '0' && c <= '7') {
                    int end = k;
                    while (end < src.length() && end < k + 3 && src.charAt(end) >= '0' && src.charAt(end) <= '7') {
                        end++;
                    }
                    return appendCode(sb, Integer.parseInt(src.substring(k, end), 8), end, k);
                }
                sb.append(c);
                return k + 1;
        }
    }

    private int appendCode(StringBuilder sb, int code, int end, int at) throws WhereException {
        if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            throw syntaxError("invalid byte sequence for encoding \"UTF8\"", byteOffsets[at - 1]);
        }
        sb.appendCodePoint(code);
        return end;
    }

    private Token quotedIdent(int start) throws WhereException {
        StringBuilder sb = new StringBuilder();
        int n = src.length();
        i++;
        while (true) {
            if (i >= n) {
                throw error("unterminated quoted identifier", start);
            }
            char c = src.charAt(i);
            if (c == '"') {
                if (i + 1 < n && src.charAt(i + 1) == '"') {
                    sb.append('"');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            sb.append(c);
            i++;
        }
        if (sb.length() == 0) {
            throw syntaxError("zero-length delimited identifier at or near \"\"\"\"", byteOffsets[start]);
        }
        return tok(Token.Kind.QUOTED_IDENT, start, sb.toString());
    }

    private Token number(int start) throws WhereException {
        int n = src.length();
        boolean decimal = false;
        while (i < n && isDigit(src.charAt(i))) {
            i++;
        }
        if (i < n && src.charAt(i) == '.' && !(i + 1 < n && src.charAt(i + 1) == '.')) {
            decimal = true;
            i++;
            while (i < n && isDigit(src.charAt(i))) {
                i++;
            }
        }
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int save = i;
            i++;
            if (i < n && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                i++;
            }
            if (i < n && isDigit(src.charAt(i))) {
                decimal = true;
                while (i < n && isDigit(src.charAt(i))) {
                    i++;
                }
            } else {
                i = save;
            }
        }
        boolean real = text(start).toLowerCase().contains("e");
        if (i < n && (real ? isIdentCont(src.charAt(i)) : isIdentStart(src.charAt(i)))) {
            while (i < n && isIdentCont(src.charAt(i))) {
                i++;
            }
            throw syntaxError("trailing junk after numeric literal at or near \"" + src.substring(start, i) + "\"",
                    byteOffsets[start]);
        }
        String text = src.substring(start, i);
        return tok(decimal ? Token.Kind.DECIMAL : Token.Kind.INTEGER, start, text);
    }

    private String text(int start) {
        return src.substring(start, i);
    }

    private Token operator(int start) {
        int n = src.length();
        int end = start;
        while (end < n && OP_CHARS.indexOf(src.charAt(end)) >= 0) {
            end++;
        }
        String op = src.substring(start, end);
        // A comment start inside the run ends the operator (scan.l).
        int cut = op.length();
        int c1 = op.indexOf("/*", 1);
        int c2 = op.indexOf("--", 1);
        if (c1 > 0) {
            cut = Math.min(cut, c1);
        }
        if (c2 > 0) {
            cut = Math.min(cut, c2);
        }
        op = op.substring(0, cut);
        if (op.length() > 1 && (op.endsWith("+") || op.endsWith("-"))) {
            boolean mayEnd = false;
            for (int k = 0; k < op.length(); k++) {
                mayEnd |= NON_MATH_OP_CHARS.indexOf(op.charAt(k)) >= 0;
            }
            if (!mayEnd) {
                int len = op.length();
                while (len > 1 && (op.charAt(len - 1) == '+' || op.charAt(len - 1) == '-')) {
                    len--;
                }
                op = op.substring(0, len);
            }
        }
        i = start + op.length();
        return tok(Token.Kind.OP, start, op.equals("!=") ? "<>" : op);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    static String asciiLower(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = k; j < a.length; j++) {
                    if (a[j] >= 'A' && a[j] <= 'Z') {
                        a[j] = (char) (a[j] + 32);
                    }
                }
                return new String(a);
            }
        }
        return s;
    }
}
