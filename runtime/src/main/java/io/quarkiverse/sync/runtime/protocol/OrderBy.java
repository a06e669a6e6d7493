package io.quarkiverse.sync.runtime.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A subset's {@code order_by} (protocol §4.9): plain column references, each optionally {@code ASC|DESC} and
 * {@code NULLS FIRST|LAST}, separated by commas. Parsed, not pasted: {@link #sql()} is rebuilt from the parts with every
 * column quoted.
 */
public record OrderBy(List<Term> terms) {

    public record Term(String column, boolean descending, String nulls) {
    }

    public static OrderBy parse(String text) {
        List<Term> terms = new ArrayList<>();
        Tokens tokens = new Tokens(text);
        do {
            String column = tokens.identifier();
            boolean descending = false;
            String nulls = null;
            if (tokens.keyword("asc")) {
                descending = false;
            } else if (tokens.keyword("desc")) {
                descending = true;
            }
            if (tokens.keyword("nulls")) {
                if (tokens.keyword("first")) {
                    nulls = "FIRST";
                } else if (tokens.keyword("last")) {
                    nulls = "LAST";
                } else {
                    throw new IllegalArgumentException("expected FIRST or LAST after NULLS");
                }
            }
            terms.add(new Term(column, descending, nulls));
        } while (tokens.comma());
        tokens.end();
        return new OrderBy(List.copyOf(terms));
    }

    public List<String> columns() {
        return terms.stream().map(Term::column).toList();
    }

    /** {@code ORDER BY "a" DESC NULLS LAST, "b" ASC}. */
    public String sql() {
        StringBuilder out = new StringBuilder("ORDER BY ");
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            out.append(i > 0 ? ", " : "").append('"').append(term.column().replace("\"", "\"\"")).append('"')
                    .append(term.descending() ? " DESC" : " ASC");
            if (term.nulls() != null) {
                out.append(" NULLS ").append(term.nulls());
            }
        }
        return out.toString();
    }

    private static final class Tokens {
        private final String text;
        private int at;

        Tokens(String text) {
            this.text = text;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        String identifier() {
            skipSpace();
            if (at < text.length() && text.charAt(at) == '"') {
                StringBuilder name = new StringBuilder();
                at++;
                while (true) {
                    if (at >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted identifier");
                    }
                    char c = text.charAt(at++);
                    if (c == '"') {
                        if (at < text.length() && text.charAt(at) == '"') {
                            name.append('"');
                            at++;
                        } else {
                            break;
                        }
                    } else {
                        name.append(c);
                    }
                }
                if (name.length() == 0) {
                    throw new IllegalArgumentException("zero-length delimited identifier");
                }
                return name.toString();
            }
            int start = at;
            if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                        || text.charAt(at) == '$')) {
                    at++;
                }
            }
            if (start == at) {
                throw new IllegalArgumentException("expected a column name at position " + at
                        + " (order_by takes column references only)");
            }
            return text.substring(start, at).toLowerCase(Locale.ROOT);
        }

        boolean keyword(String word) {
            skipSpace();
            int end = at + word.length();
            if (end <= text.length() && text.substring(at, end).equalsIgnoreCase(word)
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                at = end;
                return true;
            }
            return false;
        }

        boolean comma() {
            skipSpace();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                return true;
            }
            return false;
        }

        void end() {
            skipSpace();
            if (at != text.length()) {
                throw new IllegalArgumentException("unexpected text at position " + at
                        + " (order_by takes column references with ASC/DESC and NULLS FIRST/LAST only)");
            }
        }
    }
}
