package io.quarkiverse.sync.runtime.pg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one row of {@code COPY … TO STDOUT} text format into column values. COPY writes each value with the type's
 * output function, the same text pgoutput sends on the replication path, so snapshot rows and replicated rows agree
 * byte for byte (booleans as {@code t}/{@code f}, inet without a forced mask).
 * <p>
 * Format: columns separated by tab, an optional trailing newline, {@code \N} for NULL, and backslash escapes
 * {@code \\ \n \r \t \b \f \v}, octal {@code \ooo} and hex {@code \xhh} for other bytes.
 */
public final class CopyTextDecoder {

    private CopyTextDecoder() {
    }

    /**
     * @param line one row as sent by the server, UTF-8
     * @param columnCount the number of columns the COPY selects
     * @throws IllegalArgumentException when the row does not hold exactly {@code columnCount} values
     */
    public static String[] decode(byte[] line, int columnCount) {
        String[] values = new String[columnCount];
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        int column = 0;
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || line[i] == '\t') {
                if (column >= columnCount) {
                    throw new IllegalArgumentException("COPY row has more than " + columnCount + " columns");
                }
                values[column++] = field(line, start, i);
                start = i + 1;
            } else if (line[i] == '\\') {
                i++; // an escaped character is never a separator
            }
        }
        if (column != columnCount) {
            throw new IllegalArgumentException("COPY row has " + column + " columns, expected " + columnCount);
        }
        return values;
    }

    private static String field(byte[] line, int from, int to) {
        if (to - from == 2 && line[from] == '\\' && line[from + 1] == 'N') {
            return null;
        }
        int firstEscape = -1;
        for (int i = from; i < to; i++) {
            if (line[i] == '\\') {
                firstEscape = i;
                break;
            }
        }
        if (firstEscape < 0) {
            return new String(line, from, to - from, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        out.write(line, from, firstEscape - from);
        for (int i = firstEscape; i < to; i++) {
            byte b = line[i];
            if (b != '\\' || i + 1 >= to) {
                out.write(b);
                continue;
            }
            byte next = line[++i];
            switch (next) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(0x0B);
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < to && Character.digit(line[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(line[++i], 16);
                        digits++;
                    }
                    out.write(digits == 0 ? 'x' : value);
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int value = next - '0';
                        for (int digits = 1; digits < 3 && i + 1 < to && line[i + 1] >= '0' && line[i + 1] <= '7'; digits++) {
                            value = value * 8 + (line[++i] - '0');
                        }
                        out.write(value);
                    } else {
                        out.write(next);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
