package io.quarkiverse.sync.runtime.where;

import java.util.Set;

/** PostgreSQL's keyword classes ({@code kwlist.h}) and the token sets the parser decides on. */
final class Keywords {

    private Keywords() {
    }

    static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
            "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing",
            "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user",
            "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
            "window", "with");
    /** type_func_name_keyword: a function name, never a column. */
    static final Set<String> TYPE_FUNC_NAME = Set.of("authorization", "binary", "collation", "concurrently",
            "cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like",
            "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");
    /** col_name_keyword that start a type name: {@code int 'x'} is a typed literal, {@code int} alone a column. */
    static final Set<String> TYPE_KEYWORDS = Set.of("bigint", "bit", "boolean", "char", "character", "dec",
            "decimal", "double", "float", "int", "integer", "interval", "national", "nchar", "numeric", "real",
            "smallint", "time", "timestamp", "varchar");
    /** col_name_keyword with a function syntax of their own. */
    static final Set<String> SPECIAL_FUNCS = Set.of("coalesce", "greatest", "least", "nullif", "extract",
            "substring", "position", "trim", "overlay", "normalize", "treat", "grouping", "exists", "row", "values",
            "between", "setof", "none", "inout", "out", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
            "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmlattributes", "xmlnamespaces", "xmltable",
            "json_array", "json_object", "json_scalar", "json_serialize", "json_arrayagg", "json_objectagg",
            "json_exists", "json_query", "json_value", "json_table", "json", "merge_action");
    static final Set<String> SQL_VALUE_FUNCS = Set.of("current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "current_role", "current_user", "session_user", "user", "system_user",
            "current_catalog", "current_schema");
    static final Set<String> NOT_PREFIX = Set.of("*", "/", "%", "^", "<", ">", "=", "<=", ">=", "<>", "=>");
    static final Set<String> TRAILING_CLAUSES = Set.of("group", "having", "window", "order", "limit",
            "offset", "fetch", "for", "union", "intersect", "except");
    /** col_name_keyword without a call syntax: a column name, never followed by {@code (}. */
    static final Set<String> COL_NAME_ONLY = Set.of("between", "setof", "none", "inout", "out", "values",
            "precision", "national");
    /** Type keywords that take no modifier: {@code int(5)} is a syntax error at {@code (}. */
    static final Set<String> NO_TYPMOD = Set.of("int", "integer", "smallint", "bigint", "real", "boolean",
            "double");
    /** Type keywords whose modifier is one integer ({@code '(' Iconst ')'}), not an expression list. */
    static final Set<String> ICONST_TYPMOD = Set.of("char", "character", "nchar", "varchar", "national",
            "time", "timestamp", "interval", "float");
}
