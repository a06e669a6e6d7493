package io.quarkiverse.sync.runtime.where;

import java.util.List;

/** Hand-written where clauses over {@link DifferentialTable}: every operator, function and type of §7. */
final class WhereCorpus {

    private WhereCorpus() {
    }

    static final List<String> VALID = List.of(
            // literals and constants
            "true", "false", "NULL", "'t'", "'yes'::bool", "1 = 1", "1 = 1.0", "2147483648 > 2147483647",
            "9223372036854775808 > 0", "-2147483648 = i4", "1e5 = 100000", ".5 = 0.5", "5. = 5",
            "E'a\\nb' <> 'a'", "E'\\x41' = 'A'", "'a''b' = t", "t = 'x'",
            "'é' = t", "\"t\" = 'abc'", "i4 = '42'", "i8 = '5'", "f8 = '1.5'", "n = '1.50'", "n = 1.5",
            // comparisons per type
            "b = true", "b <> b2", "b < b2", "b IS TRUE", "b IS NOT TRUE", "b IS FALSE", "b IS NOT FALSE",
            "b IS UNKNOWN", "b IS NOT UNKNOWN", "NOT b", "b AND b2", "b OR b2", "NOT (b AND NOT b2)",
            "i2 = i4", "i2 < i8", "i4 >= i8", "i4 <> i4b", "i8 <= 5", "i2 > 300", "i4 = 2147483647",
            "f4 = f8", "f8 > 1", "f8 = 'NaN'", "f8 < 'Infinity'", "f8 = -0.0", "f4 > 0.1", "f4 = 0.1::float4",
            "n > 1", "n = 1.5", "n < i4", "n = f8", "n >= i8",
            "t = 'abc'", "t < 'b'", "t > 'é'", "t < '😀'", "t >= v", "v = 'abc'", "v < t", "t = v",
            "u = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "u > '00000000-0000-0000-0000-000000000000'",
            "u = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", "u = '{a0eebc999c0b4ef8bb6d6bb9bd380a11}'",
            "d = '2024-02-29'", "d < '2000-01-01'", "d > 'infinity'", "d = '-infinity'", "d < ts", "d = tz",
            "tm > '12:00'", "tm = '24:00:00'", "ts > '2020-01-01'", "ts < tz", "ts = 'infinity'",
            "tz > '2024-01-31 09:00:00-03'", "tz = '2024-06-01T12:00:00Z'",
            "iv = '1 day'", "iv = '24 hours'", "iv > '1 mon'", "iv < 'P1D'", "iv = '30 days'", "iv > '-1 day'",
            "ia = '{1,2,3}'", "ia <> '{}'", "ta = '{a,\"b c\",NULL}'", "ia = ARRAY[1,2,3]",
            "e = e", "e::text = 'happy'", "e::text < 'p'",
            // null handling
            "i4 IS NULL", "i4 IS NOT NULL", "t ISNULL", "t NOTNULL", "NULL IS NULL", "NULL::int4 = 1",
            "i4 IS DISTINCT FROM 1", "i4 IS NOT DISTINCT FROM NULL", "t IS DISTINCT FROM v",
            "ia IS DISTINCT FROM '{1,2,3}'", "b IS DISTINCT FROM b2",
            // IN / BETWEEN
            "i4 IN (1, 2, 42)", "i4 NOT IN (1, 2, NULL)", "i4 IN (1, NULL)", "t IN ('abc', 'B', v)", "i2 IN (7, i4)",
            "n IN (1.5, 3)", "d IN ('2024-02-29', '2000-01-01')", "i8 IN (i4, 5)", "f8 IN (1.5, 2, i4)",
            "i4 BETWEEN 1 AND 100", "i4 NOT BETWEEN 1 AND 100", "i4 BETWEEN SYMMETRIC 100 AND 1",
            "i4 NOT BETWEEN SYMMETRIC 100 AND 1", "t BETWEEN 'a' AND 'z'", "ts BETWEEN '2000-01-01' AND '2030-01-01'",
            "f8 BETWEEN 0 AND i4", "1 + i4 BETWEEN 2 AND 3 + 1",
            // quantified
            "1 = ANY(ia)", "42 = ANY(ia)", "i4 = ANY(ia)", "i4 > ALL(ia)", "i4 <> ALL('{1,2}')", "t = ANY(ta)",
            "t LIKE ANY(ta)", "t ILIKE ALL('{%a%,%b%}')", "i2 = ANY(ia)", "i8 = ANY(ia)", "1 = ANY('{}'::int[])",
            "1 = ALL('{}'::int[])", "NULL::int = ANY('{}'::int[])", "i4 = ANY(ARRAY[1, i4b, NULL])",
            "i4 = SOME(ia)",
            // arithmetic
            "i4 + 1 > 0", "i4 - 1 < i4", "i4 * 2 = i4 + i4", "i4 / 2 = 1", "i4 % 3 = 0", "-i4 = i4", "+i4 = i4",
            "@ i4 = i4", "i2 + i2 > 0", "i2 * 1000 > 0", "i8 * 2 > 0", "i8 - 1 < i8", "-i8 < 0", "i8 / -1 > 0",
            "i4 / 0 = 1", "i4 % 0 = 1", "i2 / i4 = 0", "i4 & 1 = 1", "i4 | 2 = 3", "i4 # 1 = 0", "~i4 = -1",
            "i4 << 1 = 2", "i4 >> 1 = 1", "i8 << 62 > 0", "i2 << 15 < 0",
            "f8 + 1 > f8", "f8 * 2 > 1", "f8 / 0 = 1", "f8 / 2 = 0.75", "f8 ^ 2 = 2.25", "|/ f8 > 1", "||/ f8 > 1",
            "@ f8 = f8", "-f8 < 0", "f8 * 1e308 > 0", "f8 - f8 = 0", "f4 * f4 > 2", "f4 + f4 = 3", "f4 / 0 = 1",
            "n + 1 > 2", "n * n = 2.25", "n / 3 > 0.5", "(n / 3)::text = '0.50000000000000000000'",
            "(n / 7)::text <> ''", "n % 1 = 0.5", "-n < 0", "@ n = n", "n / 0 = 1", "n * 1000000 > 1",
            "(i4 / 3.0)::text = '14.0000000000000000'", "(1 / 3.0)::text <> ''", "2 ^ 10 = 1024", "(-8) ^ (1.0/3) > 0",
            "0 ^ -1 = 0", "i4 * 1.5 > 1", "i4 + f8 > 0", "i8 + n > 0", "(i2 + i8)::text = '5'",
            // text
            "t || 'x' = 'abcx'", "t || v = 'abcabc'", "'a' || 'b' = 'ab'", "t || 1 = 'abc1'", "1 || t = '1abc'",
            "t || NULL IS NULL", "lower(t) = 'abc'", "upper(t) = 'ABC'", "lower('ÀÉ') = 'àé'", "upper(t) = 'HELLO WORLD'",
            "concat(t, 1, b, NULL, d) <> ''", "concat(t) = t", "concat(i4, '-', f8) <> ''",
            "t LIKE 'a%'", "t LIKE '%b%'", "t NOT LIKE 'H%'", "t ILIKE 'hello%'", "t NOT ILIKE '%WORLD'",
            "t LIKE 'Ab\\_c'", "t LIKE '_bc'", "t LIKE '__'", "t LIKE '%'", "t LIKE ''", "t ~~ 'abc'", "t !~~ 'abc'",
            "t ~~* 'ABC'", "t !~~* 'ABC'", "t LIKE '\\%'", "t LIKE '%\\\\'", "t LIKE '😀_'", "t ILIKE 'É'",
            "like(t, 'a%')", "t LIKE t", "v LIKE 'Z%'", "t ILIKE v",
            "coalesce(t, 'none') = 'none'", "coalesce(i4, i2, 0) = 0", "greatest(i4, i2, 0) > 0",
            "least(t, v) = ''", "greatest(d, '2000-01-01') > '1999-01-01'", "coalesce(NULL, NULL, 1) = 1",
            "greatest(1, 2.5) = 2.5", "least(f8, i4) < 0", "coalesce(ia, '{}') = '{}'",
            // casts
            "i4::text = '42'", "i8::text = '5'", "f8::text = '1.5'", "f8::text = '0.1'", "f4::text = '0.1'",
            "(f8 * 3)::text <> ''", "n::text = '1.50'", "b::text = 'true'", "d::text = '2024-02-29'",
            "ts::text LIKE '2024%'", "tz::text LIKE '%+00'", "iv::text = 'P1D'", "tm::text = '12:34:56'",
            "u::text LIKE 'a0%'", "ia::text = '{1,2,3}'", "ta::text LIKE '{%'", "'5'::int4 = i4", "t::int4 > 0",
            "'1.5'::float8 = f8", "CAST(i4 AS int8) = i8", "CAST('2024-02-29' AS date) = d", "i4::float8 = f8",
            "i4::bool", "b::int4 = 1", "(-1)::bool", "f8::int4 = 2", "f8::int8 > 0", "n::int4 = 2", "(-2.5)::int4 = -3",
            "2.5::int4 = 3", "2.5::float8::int4 = 2", "3.5::float8::int4 = 4", "i8::int4 = 5", "i8::int2 > 0",
            "i4::int2 = 42", "f8::float4 > 0", "n::float8 = 1.5", "int4(t) > 0",
            "ts::date = d", "tz::date = d", "ts::timestamptz = tz", "tz::timestamp = ts", "d::timestamp = ts",
            "ts::time = tm", "tm::interval = iv", "i4::varchar = '42'", "v::text = t", "'{1,2}'::int[] = ia",
            "'{1,2}'::int4[] @> ia", "ia::text[] = ta", "'abc'::text = t", "'P1D'::interval = iv",
            "int4('42') = i4", "int8(i4) = 42", "float8(i4) = 42", "\"numeric\"('1.5') = n", "bool('t') = b",
            "uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11') = u", "text(i4) = '42'", "date('2024-02-29') = d",
            "\"time\"('12:00') < tm", "\"timestamp\"('2024-01-31 10:00') = ts", "timestamptz('2024-01-31 10:00+00') = tz",
            "\"interval\"('1 day') = iv", "int2('7') = i2", "float4('1.5') = f4",
            "date '2024-02-29' = d", "timestamp '2024-01-31 10:00:00' = ts", "interval '1 day' = iv",
            "time '12:34:56' = tm", "timestamp with time zone '2024-01-31 10:00:00+00' = tz", "int '42' = i4",
            "boolean 'true' = b", "double precision '1.5' = f8", "i4::integer = 42", "i4::bigint = 42",
            "i4::smallint = 42", "f8::real > 0", "f8::double precision > 0", "i4::character varying = '42'",
            "ts::timestamp without time zone = ts", "ts::timestamp with time zone = tz", "ia::integer[] = ia",
            // dates and times
            "d + 1 > d", "d - 1 < d", "1 + d > d", "d - d = 0", "d - '2000-01-01' > 0", "d + 30 > '2024-01-01'",
            "d + tm = ts", "tm + d = ts", "d + iv > ts", "iv + d > ts", "d - iv < ts", "d + interval '1 month' = '2024-03-29'",
            "ts + iv > ts", "ts - iv < ts", "iv + ts > ts", "ts + '1 mon' = '2024-02-29 10:00:00'",
            "ts + interval '1 month' = '2024-02-29 10:00:00'", "tz + iv > tz", "tz - iv < tz",
            "ts - ts = '0'", "ts - '2000-01-01' > '1 day'", "(ts - '2000-01-01')::text LIKE 'P%'", "tz - tz = 'PT0S'",
            "tm + iv > tm", "tm - iv < tm", "tm - interval '30 minutes' = '23:30:00'", "iv + tm > tm",
            "tm - tm = 'PT0S'", "iv + iv > iv", "iv - iv = '0'", "-iv < iv", "iv * 2 > iv", "2 * iv > iv",
            "iv * 1.5 = '1 day 12 hours'", "iv / 2 < iv", "(iv * 0.5)::text <> ''", "(iv * f8)::text <> ''",
            "justify_days(iv) = iv", "justify_hours(iv) = iv", "justify_interval(iv) = iv",
            "justify_hours('25 hours')::text = 'P1DT1H'", "justify_days('35 days')::text = 'P1M5D'",
            "justify_interval('1 mon -1 hour')::text = 'P29DT23H'", "(ts AT TIME ZONE 'UTC') = tz",
            "(tz AT TIME ZONE 'Europe/Paris') > ts", "timezone('America/New_York', ts) = tz",
            "(ts AT TIME ZONE 'Europe/Paris')::text LIKE '%+00'", "timezone('UTC', tz) = ts",
            "'2024-01-31'::date + 1 = '2024-02-01'", "'infinity'::date > d", "d + 1 = 'infinity'",
            "'2000-02-29'::timestamp + '1 year' = '2001-02-28'", "'2024-01-31'::date + '1 mon'::interval = '2024-02-29'",
            // arrays
            "ia @> '{1}'", "ia <@ '{1,2,3,4}'", "ia && '{3,4}'", "ia @> ARRAY[i4]", "ta @> '{a}'", "ta && ARRAY[t]",
            "ia || 4 = '{1,2,3,4}'", "0 || ia = '{0,1,2,3}'", "ia || ia = '{1,2,3,1,2,3}'", "ia || '{9}' @> '{9}'",
            "array_append(ia, 4) @> '{4}'", "array_prepend(0, ia) @> '{0}'", "array_cat(ia, '{5}') @> '{5}'",
            "array_ndims(ia) = 1", "array_ndims(ia) = 2", "ia[1] = 1", "ia[0] IS NULL", "ia[2:3] = '{2,3}'",
            "ia[:2] = '{1,2}'", "ia[2:] = '{2,3}'", "ia[i4] IS NULL", "ta[1] = 'a'",
            "ta[2] = 'b c'", "(ia || 5)[4] = 5", "ARRAY[1, 2] = '{1,2}'", "ARRAY[i2, i4] = ARRAY[i4, i2]",
            "ARRAY[1, i2] @> '{1}'", "ARRAY[t, 'x'] @> '{x}'", "ARRAY[[1,2],[3,4]] = ia", "ARRAY[]::int[] = ia",
            "ARRAY[i4, NULL] IS NOT NULL", "(ARRAY[1,2,3])[2] = 2", "'{1,NULL}'::int[] = '{1,NULL}'",
            "ia::text[] @> '{1}'", "(ia || i2)[1] = 1", "(ta || 'z')[4] = 'z'", "('z' || ta)[1] = 'z'",
            "ia = '[0:2]={1,2,3}'", "'[0:2]={1,2,3}'::int[] = '{1,2,3}'",
            // precedence and associativity
            "1 + 2 * 3 = 7", "2 ^ 3 ^ 2 = 64", "-2 ^ 2 = 4", "- 2 ^ 2 = 4", "1 - 2 - 3 = -4", "12 / 2 / 3 = 2",
            "NOT true AND false", "NOT (true AND false)", "true OR false AND false", "b = true OR b2 = true AND i4 > 0",
            "i4 > 0 IS TRUE", "b IS NULL = false", "1 < 2 = true",
            "t || 'x' LIKE 'a%'", "i4 + 1 IN (43, 44)", "i4 BETWEEN 1 AND 2 + 40", "NOT i4 = 1",
            "-i4::int8 < 0", "(i4)::text || 'x' = '42x'", "i4::text::int4 = i4", "'1'::int4 + 1 = 2",
            // params-free normalization of odd spellings
            "\"i4\" = 42", "I4 = 42", "T = 'abc'", "/* c */ i4 = 42 -- x", "i4 = /* nested /* c */ */ 42",
            "i4\n=\t42", "b = b2 IS NULL", "NOT b = b2", "i4 BETWEEN 1 AND 50 = b", "i4 + 1 BETWEEN 1 AND 50 IS TRUE",
            "t || 'x' IN ('abcx', 'x')", "i4 = 42 OR i4 = 3 AND b", "- i4 ^ 2 > 0", "b IS NOT DISTINCT FROM b2 = true");

    /** A clause with $n, then for each param the values to choose from, separated by |. */
    static final List<String[]> PARAM_TEMPLATES = List.of(
            new String[] { "i4 = $1", "42|1|-1|2147483647|x|1.5| 42 " },
            new String[] { "t = $1", "abc|Hello World|é||😀x" },
            new String[] { "$1 = t", "abc|B" },
            new String[] { "t = $1 AND i4 > $2", "abc|hello world", "0|-5|100" },
            new String[] { "$1 = i4 AND $1 < 100", "42|3|0" },
            new String[] { "$1 = i4 AND $1 = t", "42" },
            new String[] { "$1 IN (i4, i4b)", "42|3" },
            new String[] { "i4 = ANY($1)", "{1,42}|{}|{NULL,3}|{x}" },
            new String[] { "t = ANY($1)", "{abc,B}|{\"Hello World\"}|{}" },
            new String[] { "ia @> $1", "{1}|{1,2}|{}" },
            new String[] { "d > $1", "2000-01-01|infinity|2024-02-29|-infinity" },
            new String[] { "ts < $1 AND ts > $2", "2030-01-01 00:00:00|infinity", "1900-01-01|-infinity" },
            new String[] { "tz >= $1", "2024-01-31 10:00:00+00|2024-01-31T09:00:00Z|2024-01-31 12:00:00+02" },
            new String[] { "iv = $1", "P1D|1 day|24 hours|PT0S|1 mon" },
            new String[] { "u = $1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11|bad" },
            new String[] { "b = $1", "t|true|f|no|on|yes|x" },
            new String[] { "n > $1", "1|1.49|1e2|-0.5|abc" },
            new String[] { "f8 < $1", "1|NaN|Infinity|-1e308|0.1" },
            new String[] { "t LIKE $1", "a%|%o%|\\%|_" },
            new String[] { "t ILIKE $1 || '%'", "h|A|" },
            new String[] { "lower(t) = lower($1)", "ABC|hello WORLD" },
            new String[] { "$1::int4 + i4 > 0", "1|-1|2147483647" },
            new String[] { "i8 = $1", "9223372036854775807|-9223372036854775808|5|9223372036854775808" },
            new String[] { "i2 = $1 OR i2 = $2", "7|300", "32767|-32768" },
            new String[] { "coalesce(t, $1) = $1", "abc|zz" },
            new String[] { "$1 BETWEEN i4 AND i4b", "5|42|0" },
            new String[] { "e::text = $1", "happy|sad|ok" },
            new String[] { "v = $1", "abc|x|Zürich" },
            new String[] { "tm > $1", "12:00|00:00:00|23:59:59.999999" },
            new String[] { "$2 = t AND $1 = i4", "42|0", "abc|B" });

    static final List<String> INVALID = List.of("1 x 1", "i4 =", "= 1", "i4 = = 1", "(i4 = 1", "i4 = 1)",
            "i4 < 1 < 2", "'abc", "\"abc", "nope = 1", "i4 = 'x'", "t + 1 = 2", "b AND 1", "NOT i4", "i4 IS TRUE",
            "ia @> '{1}'::text[]", "i4 = ANY(i4)", "ARRAY[1, 'x']", "ARRAY[1, t] = ARRAY[1]", "i4 ~~ 'a'",
            "t = 1", "d + d IS NULL", "ts + ts IS NULL", "tm + tm IS NULL", "u < 1", "u + u IS NULL",
            "coalesce(i4, t) IS NULL", "greatest(1, 'x') = 1", "i4 IN (1, 'x')", "lower(i4) = 'x'", "i4 = 1 AND",
            "i4 BETWEEN 1", "i4 IS", "ia[1:2:3] = '{}'", "i4 :: = 1", "ARRAY[] = ia", "$$x$$",
            "iv < 1", "i4 / 'x' = 1", "'x'::int4 = 1", "d::int4 = 1", "'{1,2'::int[] IS NULL");

    /**
     * Inputs whose syntax errors (or their absence) must match Postgres' in every run: cases random inputs once
     * found, and their neighbours.
     */
    static final List<String> SYNTAX = List.of(
            // -Dwhere.seed=6732074637570: $ continues an identifier that started with a non-ASCII character, so
            // $f$ opens no dollar quote and the error is at the ']' (pgjdbc's own scanner thinks otherwise).
            "\uFFFDz\uFFFDQ`\u05F3\uFFFD\uFFFD$f$\uFFFDt\uFFFDyS ]&f \uFFFD\uFFFD3\uFFFD\uFFFDfk\uFFFD?]",
            "\u00E9$f$ = 1", "x$f$ = 1", "x$f$ $f$", "a $f$ = 1", "\"a\"$f$ = 1", "1$f$", "i4 = 1$f$x$f$",
            "i4 = $f$1$f$", "t = $f$x$$f$", "t = $$x$$ ]", "i4 = $1$f$", "i4 = $1$", "\u00E9 $f$",
            // The same seed, once Postgres' own scanner was the oracle: a reserved keyword that cannot start a
            // function argument is a syntax error before the next token is scanned ...
            "| ts ( ANY \" b] CASE B'1' ", "lower(ANY '", "lower(x \"", "lower(int => 1)", "lower(\"x\" => 1)",
            // ... and an unterminated X'…' is a hexadecimal string literal, B'…' a bit string one.
            "((('abc' || (e)::text) || lower(concat('Ab_c', i4))) = ('a''b' || concat(('\n' \"X\" : @'x'WHEN # ",
            "x'ab", "i4 = B'01",
            // -Dwhere.seed=12507318396150 (30,000 cases): an unterminated string is reported where its token starts,
            // at the E of E'…' and at the first part of a literal continued over a newline.
            "b E'\\n''concatnow LIKEAND ( IN SYMMETRIC .", "t = e'x", "t = 'a'\n'b", "t = 'a' 'b",
            // -Dwhere.seed=12597179693628: a col_name_keyword followed by '.' starts a qualified name, which may be
            // the type of a literal (func_name Sconst).
            "numeric . SOME E'\\n' \uD83D\uDE00 . ", "between.y 'q' ]", "int.x.y 'z' ]", "coalesce.x 'a' ]",
            // -Dwhere.seed=12871153040384 and 12899619035380: COALESCE, GREATEST and LEAST take a plain expression
            // list; DOUBLE without PRECISION is a type name of its own (that does not exist).
            "greatest ( * DISTINCT\u00E9 % ", "coalesce(DISTINCT 1)", "coalesce(x => 1)", "least()",
            "coalesce(1) OVER ()", "E'\\n' ::double @ WHEN \uD83D\uDE00< ] ESCAPE SYMMETRIC IN >=",
            "''::double % date", "1::double precision = 1",
            // ... and a typed interval literal may have fields (opt_interval), which Postgres reads to their end.
            "interval '{1,2}' day'))) double OR FALSE", "interval '1' day to year", "interval '1' month to year",
            "interval '1' second(x)", "interval '1' day to second(3) ]");
}
