using System.Text;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>
/// The check every session runs before it sends a statement: one SELECT (or WITH … SELECT), no
/// second statement, no word that writes, locks (FOR UPDATE, FOR SHARE, UPDLOCK, HOLDLOCK …) or changes the session. Comments, string literals
/// and quoted identifiers are skipped, so a column named "Update" in quotes is fine.
/// </summary>
public static class SqlStatement
{
    private static readonly System.Collections.Generic.HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "TRUNCATE", "CREATE", "ALTER", "DROP", "RENAME",
        "GRANT", "REVOKE", "EXEC", "EXECUTE", "CALL", "INTO", "COPY", "LOCK", "DECLARE", "BEGIN", "COMMIT",
        "ROLLBACK", "SAVEPOINT", "HANDLER", "LOAD", "OUTFILE", "DUMPFILE", "VACUUM", "ANALYZE", "REINDEX",
        // reads that lock rows or tables and so would block the program's own writes
        "SHARE", "UPDLOCK", "XLOCK", "HOLDLOCK", "TABLOCK", "TABLOCKX", "PAGLOCK", "SERIALIZABLE", "REPEATABLEREAD",
    };

    /// <summary>
    /// Null when the statement may be sent, else why not (a short English phrase). A backslash in a
    /// literal escapes in MySQL and not in standard SQL: the statement must pass read both ways.
    /// </summary>
    public static string? WhyNot(string sql) => WhyNot(sql, backslashEscapes: false) ?? WhyNot(sql, backslashEscapes: true);

    private static string? WhyNot(string sql, bool backslashEscapes)
    {
        var words = new List<string>();
        var semicolonAt = -1;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '-' && At(sql, i + 1) == '-') { i = Skip(sql, i, "\n"); continue; }
            if (c == '/' && At(sql, i + 1) == '*') { i = Skip(sql, i + 2, "*/"); continue; }
            if (c is '\'' or '"' or '`' or '[')
            {
                if (semicolonAt >= 0) return "more than one statement";
                i = Quoted(sql, i, c == '[' ? ']' : c, backslashEscapes && c == '\'');
                if (i < 0) return "an unterminated quote";
                words.Add(c == '\'' ? "'" : "\"");
                continue;
            }
            if (c == ';') { if (semicolonAt >= 0) return "more than one statement"; semicolonAt = i; i++; continue; }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' or '#')) i++;
                if (semicolonAt >= 0) return "more than one statement";
                var word = sql[start..i];
                // "CHARACTER SET" in Firebird casts is a type, not the SET statement
                if (word.Equals("SET", StringComparison.OrdinalIgnoreCase)
                    && !(words.Count > 0 && words[^1].Equals("CHARACTER", StringComparison.OrdinalIgnoreCase)))
                    return "SET is not allowed";
                if (Forbidden.Contains(word)) return $"{word.ToUpperInvariant()} is not allowed";
                words.Add(word);
                continue;
            }
            if (!char.IsWhiteSpace(c) && semicolonAt >= 0) return "more than one statement";
            i++;
        }
        if (words.Count == 0) return "an empty statement";
        var first = words.Find(w => w != "(") ?? "";
        if (!first.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !first.Equals("WITH", StringComparison.OrdinalIgnoreCase))
            return $"it starts with {first.ToUpperInvariant()}, not SELECT";
        if (!words.Exists(w => w.Equals("SELECT", StringComparison.OrdinalIgnoreCase)))
            return "no SELECT";
        return null;
    }

    /// <summary>
    /// The statement with each "@name" marker (outside literals, quoted names and comments) as "?",
    /// and the arguments in the order of the markers, for drivers that take markers by position
    /// (ODBC). A marker used twice takes its argument twice; a marker without an argument is a bug.
    /// </summary>
    public static (string Sql, IReadOnlyList<(string Name, object? Value)> Args) Positional(string sql,
        IReadOnlyList<(string Name, object? Value)> args)
    {
        var byName = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in args) byName[name.StartsWith('@') ? name : "@" + name] = value;
        var text = new StringBuilder(sql.Length);
        var ordered = new List<(string, object?)>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var from = i;
            if (c == '-' && At(sql, i + 1) == '-') i = Skip(sql, i, "\n");
            else if (c == '/' && At(sql, i + 1) == '*') i = Skip(sql, i + 2, "*/");
            else if (c is '\'' or '"' or '`' or '[') i = Quoted(sql, i, c == '[' ? ']' : c, false) is var end and >= 0 ? end : sql.Length;
            else if (c == '@' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                i++;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
                var marker = sql[from..i];
                if (!byName.TryGetValue(marker, out var value))
                    throw new ArgumentException($"no argument for the marker {marker}", nameof(args));
                ordered.Add((marker, value));
                text.Append('?');
                continue;
            }
            else i++;
            text.Append(sql, from, i - from);
        }
        return (text.ToString(), ordered);
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int Skip(string s, int from, string end)
    {
        var at = s.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? s.Length : at + end.Length;
    }

    /// <summary>The index after a quoted run (doubled quote = literal quote), or -1 when unterminated.</summary>
    private static int Quoted(string s, int open, char close, bool backslashEscapes)
    {
        var i = open + 1;
        while (i < s.Length)
        {
            if (s[i] == close)
            {
                if (At(s, i + 1) == close) { i += 2; continue; }
                return i + 1;
            }
            if (backslashEscapes && s[i] == '\\') { i += 2; continue; }
            i++;
        }
        return -1;
    }
}
