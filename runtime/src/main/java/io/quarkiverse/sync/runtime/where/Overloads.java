package io.quarkiverse.sync.runtime.where;

import java.util.ArrayList;
import java.util.List;

/**
 * Postgres' operator and function overload resolution ({@code oper_select_candidate}/{@code func_select_candidate}
 * in {@code parse_func.c}), over the candidates of {@link Functions}: exact match, then implicit coercion, most
 * exact matches, preferred types, and the rules for unknown-typed arguments. Also {@code select_common_type}.
 */
final class Overloads {

    private Overloads() {
    }

    /** A candidate with its polymorphic types instantiated for the call at hand. */
    record Match(Functions.Sig sig, PgType[] args, PgType result, Functions.Fn fn) {
    }

    static char category(PgType t) {
        if (Functions.isPolymorphic(t)) {
            return 'P';
        }
        if (t.isArray()) {
            return 'A';
        }
        if (t.isEnum()) {
            return 'E';
        }
        switch (t.name()) {
            case "bool": return 'B';
            case "int2": case "int4": case "int8": case "float4": case "float8": case "numeric": return 'N';
            case "text": case "varchar": case "name": case "bpchar": return 'S';
            case "date": case "time": case "timestamp": case "timestamptz": return 'D';
            case "interval": return 'T';
            case "unknown": return 'X';
            default: return 'U';
        }
    }

    static boolean preferred(PgType t) {
        if (t.isArray()) {
            return false;
        }
        switch (t.name()) {
            case "float8": case "text": case "timestamptz": case "interval": case "bool": return true;
            default: return false;
        }
    }

    private static boolean unknown(PgType t) {
        return t.equals(PgType.UNKNOWN);
    }

    /** The chosen candidate, or null when none fits or the choice is ambiguous. */
    static Match resolve(List<Functions.Sig> sigs, PgType[] in) {
        List<Match> cands = new ArrayList<>();
        for (Functions.Sig s : sigs) {
            if (s.args().length != in.length) {
                continue;
            }
            Match m = instantiate(s, in);
            if (m != null) {
                cands.add(m);
            }
        }
        // binary_oper_exact: with one unknown side, try the known type on both sides first. Exactness is
        // judged on the declared types, so a polymorphic candidate never matches exactly (as in Postgres).
        if (in.length == 2 && unknown(in[0]) != unknown(in[1])) {
            PgType k = unknown(in[0]) ? in[1] : in[0];
            for (Match m : cands) {
                if (m.sig.args()[0].equals(k) && m.sig.args()[1].equals(k)) {
                    return m;
                }
            }
        }
        for (Match m : cands) {
            if (java.util.Arrays.equals(m.sig.args(), in)) {
                return m;
            }
        }
        List<Match> ok = new ArrayList<>();
        for (Match m : cands) {
            boolean all = true;
            for (int i = 0; i < in.length && all; i++) {
                all = unknown(in[i]) || Casts.implicit(in[i], m.args[i]);
            }
            if (all) {
                ok.add(m);
            }
        }
        if (ok.size() <= 1) {
            return ok.isEmpty() ? null : ok.get(0);
        }
        ok = keepMax(ok, m -> {
            int n = 0;
            for (int i = 0; i < in.length; i++) {
                n += !unknown(in[i]) && in[i].equals(m.sig.args()[i]) ? 1 : 0;
            }
            return n;
        });
        if (ok.size() == 1) {
            return ok.get(0);
        }
        ok = keepMax(ok, m -> {
            int n = 0;
            for (int i = 0; i < in.length; i++) {
                n += !unknown(in[i]) && !in[i].equals(m.sig.args()[i]) && preferred(m.sig.args()[i]) ? 1 : 0;
            }
            return n;
        });
        if (ok.size() == 1) {
            return ok.get(0);
        }
        boolean anyUnknown = false;
        for (int i = 0; i < in.length; i++) {
            if (!unknown(in[i])) {
                continue;
            }
            anyUnknown = true;
            char cat = 0;
            boolean conflict = false;
            boolean stringSeen = false;
            for (Match m : ok) {
                char c = category(m.sig.args()[i]);
                stringSeen |= c == 'S';
                if (cat == 0) {
                    cat = c;
                } else if (cat != c) {
                    conflict = true;
                }
            }
            if (stringSeen) {
                cat = 'S';
            } else if (conflict) {
                return null;
            }
            boolean havePreferred = false;
            for (Match m : ok) {
                havePreferred |= category(m.sig.args()[i]) == cat && preferred(m.sig.args()[i]);
            }
            List<Match> next = new ArrayList<>();
            for (Match m : ok) {
                if (category(m.sig.args()[i]) == cat && (!havePreferred || preferred(m.sig.args()[i]))) {
                    next.add(m);
                }
            }
            ok = next;
        }
        if (ok.size() == 1) {
            return ok.get(0);
        }
        if (anyUnknown) {
            PgType common = null;
            boolean same = true;
            for (PgType t : in) {
                if (!unknown(t)) {
                    same &= common == null || common.equals(t);
                    common = t;
                }
            }
            if (same && common != null) {
                List<Match> next = new ArrayList<>();
                for (Match m : ok) {
                    boolean fits = true;
                    for (int i = 0; i < in.length; i++) {
                        if (unknown(in[i])) {
                            fits &= Casts.implicit(common, m.args[i]);
                        }
                    }
                    if (fits) {
                        next.add(m);
                    }
                }
                if (next.size() == 1) {
                    return next.get(0);
                }
            }
        }
        return null;
    }

    private static List<Match> keepMax(List<Match> in, java.util.function.ToIntFunction<Match> score) {
        int best = Integer.MIN_VALUE;
        for (Match m : in) {
            best = Math.max(best, score.applyAsInt(m));
        }
        List<Match> out = new ArrayList<>();
        for (Match m : in) {
            if (score.applyAsInt(m) == best) {
                out.add(m);
            }
        }
        return out;
    }

    /** Replaces polymorphic parameter types by the concrete ones the call implies; null when it cannot. */
    static Match instantiate(Functions.Sig s, PgType[] in) {
        if (!s.polymorphic()) {
            return new Match(s, s.args(), s.result(), s.maker().make(s.args()));
        }
        PgType[] args = s.args().clone();
        PgType anyArray = null;
        PgType anyEnum = null;
        List<PgType> compatible = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            PgType p = args[i];
            PgType a = in[i];
            if (unknown(a)) {
                continue;
            }
            if (p == Functions.ANYARRAY) {
                if (!a.isArray() || (anyArray != null && !anyArray.equals(a))) {
                    return null;
                }
                anyArray = a;
            } else if (p == Functions.ANYCOMPATIBLEARRAY) {
                if (!a.isArray()) {
                    return null;
                }
                compatible.add(a.element());
            } else if (p == Functions.ANYCOMPATIBLE) {
                if (a.isArray()) {
                    return null;
                }
                compatible.add(a);
            } else if (p == Functions.ANYNONARRAY) {
                if (a.isArray()) {
                    return null;
                }
                args[i] = a;
            } else if (p == Functions.ANYENUM) {
                if (!a.isEnum() || (anyEnum != null && !anyEnum.equals(a))) {
                    return null;
                }
                anyEnum = a;
            }
        }
        PgType common = null;
        if (!compatible.isEmpty()) {
            common = commonType(compatible);
            if (common == null) {
                return null;
            }
        }
        PgType result = s.result();
        for (int i = 0; i < args.length; i++) {
            if (args[i] == Functions.ANYARRAY) {
                if (anyArray == null) {
                    return null;
                }
                args[i] = anyArray;
            } else if (args[i] == Functions.ANYCOMPATIBLEARRAY || args[i] == Functions.ANYCOMPATIBLE) {
                if (common == null) {
                    return null;
                }
                args[i] = args[i] == Functions.ANYCOMPATIBLE ? common : PgType.arrayOf(common);
            } else if (args[i] == Functions.ANYNONARRAY) {
                return null;
            } else if (args[i] == Functions.ANYENUM) {
                if (anyEnum == null) {
                    return null;
                }
                args[i] = anyEnum;
            }
        }
        if (result == Functions.ANYCOMPATIBLEARRAY) {
            result = PgType.arrayOf(common);
        }
        return new Match(s, args, result, s.maker().make(args));
    }

    /** select_common_type over known types; null when two cannot be matched. */
    static PgType commonType(List<PgType> types) {
        PgType p = null;
        for (PgType t : types) {
            if (unknown(t)) {
                continue;
            }
            if (p == null) {
                p = t;
                continue;
            }
            if (t.equals(p)) {
                continue;
            }
            if (category(t) != category(p)) {
                return null;
            }
            if (!preferred(p) && Casts.implicit(p, t) && !Casts.implicit(t, p)) {
                p = t;
            }
        }
        if (p == null) {
            return PgType.TEXT;
        }
        for (PgType t : types) {
            if (!unknown(t) && !Casts.implicit(t, p)) {
                return null;
            }
        }
        return p;
    }

    /** The first type commonType could not match, for the error message. */
    static PgType[] conflict(List<PgType> types) {
        PgType p = null;
        for (PgType t : types) {
            if (unknown(t)) {
                continue;
            }
            if (p != null && !Casts.implicit(t, p) && !Casts.implicit(p, t)) {
                return new PgType[] { p, t };
            }
            if (p == null || (!preferred(p) && Casts.implicit(p, t) && !Casts.implicit(t, p))) {
                p = t;
            }
        }
        return new PgType[] { p, p };
    }
}
