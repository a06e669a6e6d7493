package io.quarkiverse.sync.runtime.where;

import java.util.List;
import java.util.Random;

/**
 * Seeded generator of well-typed where clauses over {@link DifferentialTable}'s columns, covering the operators,
 * functions and types of §7. Every expression it returns should be accepted by both Postgres and us; values are
 * chosen to hit edges (overflow, division by zero, NULLs, infinities).
 */
final class ExprGenerator {

    private static final String[] T_COMPARABLE = { "int2", "int4", "int8", "float8", "numeric", "text", "date",
            "timestamp", "timestamptz", "interval", "time", "uuid", "bool" };

    private final Random r;

    ExprGenerator(long seed) {
        this.r = new Random(seed);
    }

    String bool() {
        return gen("bool", 4);
    }

    private <T> T pick(List<T> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    private String pickS(String... xs) {
        return xs[r.nextInt(xs.length)];
    }

    String gen(String type, int depth) {
        if (depth <= 0 || r.nextInt(4) == 0) {
            return leaf(type);
        }
        switch (type) {
            case "bool": return genBool(depth);
            case "int2": case "int4": case "int8": return genInt(type, depth);
            case "float8": return genFloat(depth);
            case "numeric": return genNumeric(depth);
            case "text": return genText(depth);
            case "date": return genDate(depth);
            case "timestamp": case "timestamptz": return genTs(type, depth);
            case "interval": return genInterval(depth);
            case "time": return genTime(depth);
            case "int4[]": return genIntArray(depth);
            case "text[]": return genTextArray(depth);
            default: return leaf(type);
        }
    }

    private String leaf(String type) {
        if (r.nextInt(12) == 0) {
            // numeric is not a cast target in the contract (§7.2); its input function is.
            return type.equals("numeric") ? "\"numeric\"(NULL)" : "NULL::" + type;
        }
        switch (type) {
            case "bool": return pickS("b", "true", "false", "(i4 > 0)", "b2");
            case "int2": return pickS("i2", "i2", "'7'::int2", "(-32768)::int2", "32767::int2", "0::int2");
            case "int4": return pickS("i4", "i4", "i4b", "1", "-1", "0", "2147483647", "-2147483648", "42", "3");
            case "int8": return pickS("i8", "i8", "9223372036854775807", "(-9223372036854775807)", "5::int8",
                    "(i4)::int8");
            case "float8": return pickS("f8", "f8", "f4", "1.5::float8", "'NaN'::float8", "'Infinity'::float8",
                    "'-Infinity'::float8", "0.1::float8", "(-0.0)::float8", "1e300::float8", "2::float8");
            case "numeric": return pickS("n", "n", "1.5", "0.001", "-2.50", "100", "123456789012345678901234567890",
                    "0.0");
            case "text": return pickS("t", "t", "v", "'abc'", "''", "'é'", "'Hello World'", "'a''b'", "'%'",
                    "'😀'", "'Ab_c'", "'ZZ'");
            case "date": return pickS("d", "d", "'2024-02-29'::date", "'infinity'::date", "'-infinity'::date",
                    "date '1999-12-31'", "'0044-03-15 BC'::date");
            case "timestamp": return pickS("ts", "ts", "'2024-01-31 10:00:00'::timestamp",
                    "'infinity'::timestamp", "timestamp '2000-01-01 00:00:00.5'", "'1970-01-01'::timestamp");
            case "timestamptz": return pickS("tz", "tz", "'2024-01-31 10:00:00+02'::timestamptz",
                    "'2024-06-01T12:00:00Z'::timestamptz", "'-infinity'::timestamptz");
            case "interval": return pickS("iv", "iv", "interval '1 day'", "'1 mon'::interval", "'P1DT2H'::interval",
                    "'-3 hours'::interval", "'1 year 2 months 3 days 04:05:06.5'::interval", "'PT0S'::interval",
                    "'30 days'::interval", "'1.5 days'::interval");
            case "time": return pickS("tm", "tm", "'12:34:56'::time", "'23:59:59.999999'::time", "'00:00'::time",
                    "time '24:00:00'");
            case "uuid": return pickS("u", "u", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid",
                    "'A0EEBC999C0B4EF8BB6D6BB9BD380A11'::uuid", "'{00000000-0000-0000-0000-000000000000}'::uuid");
            case "int4[]": return pickS("ia", "ia", "'{1,2,3}'::int4[]", "ARRAY[1, NULL]", "'{}'::int4[]",
                    "ARRAY[i4, 2]", "'{{1,2},{3,4}}'::int4[]");
            case "varchar": return pickS("v", "'abc'::varchar", "(t)::varchar");
            case "text[]": return pickS("ta", "ta", "'{a,\"b c\",NULL}'::text[]", "ARRAY['x', t]", "'{}'::text[]");
            default: throw new IllegalArgumentException(type);
        }
    }

    private String genBool(int d) {
        int k = r.nextInt(20);
        switch (k) {
            case 0: case 1: case 2: case 3: {
                String t = pickS(T_COMPARABLE);
                String op = t.equals("interval") || t.equals("bool") || t.equals("uuid") && r.nextBoolean()
                        ? pickS("=", "<>", "<", ">=") : pickS("=", "<>", "<", ">", "<=", ">=", "!=");
                return "(" + gen(t, d - 1) + " " + op + " " + gen(t, d - 1) + ")";
            }
            case 4: {
                String a = pickS("int2", "int4", "int8", "float8", "numeric");
                String b = pickS("int2", "int4", "int8", "float8", "numeric");
                return "(" + gen(a, d - 1) + " " + pickS("=", "<", ">=", "<>") + " " + gen(b, d - 1) + ")";
            }
            case 5: return "(" + gen("bool", d - 1) + " AND " + gen("bool", d - 1) + ")";
            case 6: return "(" + gen("bool", d - 1) + " OR " + gen("bool", d - 1) + ")";
            case 7: return "(NOT " + gen("bool", d - 1) + ")";
            case 8: {
                String t = pickS(T_COMPARABLE);
                return "(" + gen(t, d - 1) + pickS(" IS NULL", " IS NOT NULL") + ")";
            }
            case 9: return "(" + gen("bool", d - 1) + pickS(" IS TRUE", " IS NOT TRUE", " IS FALSE", " IS NOT FALSE",
                    " IS UNKNOWN", " IS NOT UNKNOWN") + ")";
            case 10: {
                String t = pickS("int4", "text", "date", "numeric", "int8");
                StringBuilder sb = new StringBuilder("(" + gen(t, d - 1) + pickS(" IN (", " NOT IN ("));
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? ", " : "").append(gen(t, d - 2));
                }
                return sb.append("))").toString();
            }
            case 11: {
                String t = pickS("int4", "float8", "text", "timestamp", "numeric");
                return "(" + gen(t, d - 1) + pickS(" BETWEEN ", " NOT BETWEEN ", " BETWEEN SYMMETRIC ",
                        " NOT BETWEEN SYMMETRIC ") + gen(t, d - 2) + " AND " + gen(t, d - 2) + ")";
            }
            case 12: return "(" + gen("text", d - 1) + pickS(" LIKE ", " NOT LIKE ", " ILIKE ", " NOT ILIKE ", " ~~ ",
                    " !~~* ") + pickS("'a%'", "'%b%'", "'H_llo%'", "'%'", "'\\%%'", "'é%'", "'%😀'", "'ab_c'",
                    "t", "'Hello World'", "'%o w%'") + ")";
            case 13: return "(" + gen("int4", d - 1) + " " + pickS("=", "<>", "<", ">") + pickS(" ANY ", " ALL ")
                    + "(" + gen("int4[]", d - 1) + "))";
            case 14: return "(" + gen("int4[]", d - 1) + pickS(" @> ", " <@ ", " && ", " = ", " <> ")
                    + gen("int4[]", d - 1) + ")";
            case 15: {
                String t = pickS(T_COMPARABLE);
                return "(" + gen(t, d - 1) + pickS(" IS DISTINCT FROM ", " IS NOT DISTINCT FROM ") + gen(t, d - 1)
                        + ")";
            }
            case 16: return "(" + gen("text", d - 1) + " = ANY(" + gen("text[]", d - 1) + "))";
            case 17: return "(" + gen("text[]", d - 1) + pickS(" @> ", " && ", " = ") + gen("text[]", d - 1) + ")";
            case 18: return pickS("coalesce(" + gen("bool", d - 1) + ", " + gen("bool", d - 1) + ")",
                    "(e " + pickS("=", "<>") + " e)", "like(" + gen("text", d - 1) + ", " + pickS("'a%'", "'%'", "t") + ")",
                    "(timezone('UTC', " + gen("timestamp", d - 1) + ") " + pickS("=", "<") + " " + gen("timestamptz", d - 1)
                            + ")", "(" + gen("varchar", 0) + " " + pickS("=", "<", "LIKE") + " " + gen("text", d - 1) + ")");
            default: return "(" + gen("text", d - 1) + " = " + gen("text", d - 1) + ")";
        }
    }

    private String genInt(String t, int d) {
        switch (r.nextInt(12)) {
            case 0: case 1: return "(" + gen(t, d - 1) + " " + pickS("+", "-", "*", "/", "%") + " " + gen(t, d - 1)
                    + ")";
            case 2: return "(" + pickS("- ", "@ ", "+ ", "~ ") + gen(t, d - 1) + ")";
            case 3: return "(" + gen(t, d - 1) + " " + pickS("&", "|", "#") + " " + gen(t, d - 1) + ")";
            case 4: return t.equals("int4") ? "(" + gen("date", d - 1) + " - " + gen("date", d - 1) + ")"
                    : "(" + gen(t, d - 1) + " << 2)";
            case 5: return t.equals("int4") ? "(" + gen("int4[]", d - 1) + ")[" + gen("int4", d - 2) + "]"
                    : gen(t, d - 1);
            case 6: return pickS("greatest(", "least(", "coalesce(") + gen(t, d - 1) + ", " + gen(t, d - 1) + ")";
            case 7: return "(" + gen(pickS("float8", "numeric", "int8", "int2", "int4"), d - 1) + ")::" + t;

            case 8: return t.equals("int4") ? "array_ndims(" + gen("int4[]", d - 1) + ")" : gen(t, d - 1);
            case 9: return "(" + gen("text", 0) + ")::" + t;
            case 10: return t.equals("int4") ? "(" + gen("bool", d - 1) + ")::int4" : "abs(" + gen(t, d - 1) + ")";
            default: return "(" + gen(t, d - 1) + " " + pickS("+", "*") + " " + gen(pickS("int2", "int4"), d - 1)
                    + ")";
        }
    }

    private String genFloat(int d) {
        switch (r.nextInt(8)) {
            case 0: case 1: return "(" + gen("float8", d - 1) + " " + pickS("+", "-", "*", "/") + " "
                    + gen(pickS("float8", "int4", "numeric"), d - 1) + ")";
            case 2: return "(" + gen("float8", d - 1) + " ^ " + pickS("2", "0.5", "-1", "3", "0") + ")";
            case 3: return "(" + pickS("- ", "@ ", "|/ ", "||/ ") + gen("float8", d - 1) + ")";
            case 4: return "(" + gen(pickS("int4", "numeric", "int8"), d - 1) + ")::float8";
            case 5: return "float8(" + gen("text", 0) + ")";
            case 6: return pickS("greatest(", "least(") + gen("float8", d - 1) + ", " + gen("float8", d - 1) + ")";
            default: return "(f4 * " + gen("float8", d - 1) + ")";
        }
    }

    private String genNumeric(int d) {
        switch (r.nextInt(6)) {
            case 0: case 1: return "(" + gen("numeric", d - 1) + " " + pickS("+", "-", "*", "/", "%") + " "
                    + gen(pickS("numeric", "int4", "int8"), d - 1) + ")";
            case 2: return "(" + pickS("- ", "@ ") + gen("numeric", d - 1) + ")";
            case 3: return "\"numeric\"(" + gen(pickS("int4", "int8"), d - 1) + ")";
            case 4: return "\"numeric\"(" + pickS("'1.5'", "'-0.0001'", "' 12 '", "i4", "i8") + ")";
            default: return "coalesce(" + gen("numeric", d - 1) + ", 0)";
        }
    }

    private String genText(int d) {
        switch (r.nextInt(10)) {
            case 0: case 1: return "(" + gen("text", d - 1) + " || " + gen("text", d - 1) + ")";
            case 2: return pickS("lower(", "upper(") + gen("text", d - 1) + ")";
            case 3: return "concat(" + gen("text", d - 1) + ", " + gen(pickS("int4", "bool", "date", "float8"), d - 1)
                    + ")";
            case 4: return "(" + gen(pickS("int4", "int8", "numeric", "date", "timestamp", "timestamptz", "interval",
                    "time", "uuid", "bool", "float8", "int4[]"), d - 1) + ")::text";
            case 5: return "(" + gen("text[]", d - 1) + ")[" + gen("int4", d - 2) + "]";
            case 6: return "coalesce(" + gen("text", d - 1) + ", " + gen("text", d - 1) + ")";
            case 7: return "(" + gen("text", d - 1) + " || " + gen(pickS("int4", "numeric"), d - 1) + ")";
            case 8: return "(e)::text";
            default: return "(" + gen("text", d - 1) + ")::varchar";
        }
    }

    private String genDate(int d) {
        switch (r.nextInt(4)) {
            case 0: return "(" + gen("date", d - 1) + " + " + gen("int4", d - 2) + ")";
            case 1: return "(" + gen("date", d - 1) + " - " + pickS("1", "30", "i2", "i4") + ")";
            case 2: return "(" + gen(pickS("timestamp", "timestamptz"), d - 1) + ")::date";
            default: return "date(" + pickS("'2020-02-29'", "'epoch'", "t") + ")";
        }
    }

    private String genTs(String t, int d) {
        switch (r.nextInt(6)) {
            case 0: case 1: return "(" + gen(t, d - 1) + pickS(" + ", " - ") + gen("interval", d - 1) + ")";
            case 2: return t.equals("timestamp") ? "(" + gen("date", d - 1) + " + " + gen("time", d - 1) + ")"
                    : "(" + gen("date", d - 1) + ")::timestamptz";
            case 3: return t.equals("timestamp") ? "(" + gen("date", d - 1) + pickS(" + ", " - ")
                    + gen("interval", d - 1) + ")" : "(" + gen("timestamp", d - 1) + ")::timestamptz";
            case 4: return "(" + gen(t, d - 1) + " AT TIME ZONE " + pickS("'UTC'", "'Europe/Paris'",
                    "'America/New_York'") + ")" + (t.equals("timestamp") ? "::timestamp" : "::timestamptz");
            default: return pickS("greatest(", "least(") + gen(t, d - 1) + ", " + gen(t, d - 1) + ")";
        }
    }

    private String genInterval(int d) {
        switch (r.nextInt(6)) {
            case 0: return "(" + gen("interval", d - 1) + pickS(" + ", " - ") + gen("interval", d - 1) + ")";
            case 1: return "(" + gen("interval", d - 1) + " * " + pickS("2", "0.5", "1.5", "-1", "f8", "i2") + ")";
            case 2: return "(" + gen("timestamp", d - 1) + " - " + gen("timestamp", d - 1) + ")";
            case 3: return pickS("justify_days(", "justify_hours(", "justify_interval(") + gen("interval", d - 1) + ")";
            case 4: return "(- " + gen("interval", d - 1) + ")";
            default: return "(" + gen("interval", d - 1) + " / " + pickS("2", "3", "0.5") + ")";
        }
    }

    private String genTime(int d) {
        switch (r.nextInt(3)) {
            case 0: return "(" + gen("time", d - 1) + pickS(" + ", " - ") + gen("interval", d - 1) + ")";
            case 1: return "(" + gen("timestamp", d - 1) + ")::time";
            default: return "(" + gen("timestamptz", d - 1) + ")::time";
        }
    }

    private String genIntArray(int d) {
        switch (r.nextInt(6)) {
            case 0: return "(" + gen("int4[]", d - 1) + " || " + gen("int4[]", d - 1) + ")";
            case 1: return "array_append(" + gen("int4[]", d - 1) + ", " + gen("int4", d - 2) + ")";
            case 2: return "array_prepend(" + gen("int4", d - 2) + ", " + gen("int4[]", d - 1) + ")";
            case 3: return "ARRAY[" + gen("int4", d - 1) + ", " + gen("int2", d - 1) + "]";
            case 4: return "(" + gen("int4[]", d - 1) + ")[" + gen("int4", 0) + ":" + gen("int4", 0) + "]";
            default: return "array_cat(" + gen("int4[]", d - 1) + ", " + gen("int4[]", d - 1) + ")";
        }
    }

    private String genTextArray(int d) {
        switch (r.nextInt(3)) {
            case 0: return "(" + gen("text[]", d - 1) + " || " + gen("text", d - 1) + ")";
            case 1: return "ARRAY[" + gen("text", d - 1) + ", " + gen("text", d - 1) + "]";
            default: return "(" + gen("text", d - 1) + " || " + gen("text[]", d - 1) + ")";
        }
    }
}
