using FirebirdSql.Data.FirebirdClient;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using System.Text;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>
/// Opens one Firebird database file as a read-only <see cref="SqlSession"/>: checks a local file's
/// header page (ODS) first, connects with charset UTF8 to read the declared charset, then
/// reconnects with it (or with the target's configured charset) and starts a read-only transaction.
/// </summary>
public static class FirebirdSession
{
    public static async Task<Either<Problem, SqlSession>> Open(
        string program, FirebirdTarget target, string path, CancellationToken cancel)
    {
        var pre = Precheck(program, target, path);
        if (pre is not null) return pre;
        if (Known(target, path) is null && !NameTravels(target, path))
        {
            // the charset is read on the read's own connection, attached with the charset of the
            // folder's last database; only when that was the wrong one is the file attached again
            var once = await OpenGuessing(program, target, path, cancel).ConfigureAwait(false);
            if (once is not null) return once.Value;
        }
        string declared;
        try
        {
            declared = await KnownCharset(target, path, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (FirebirdProblems.IsExpected(e))
        {
            return FirebirdProblems.OnOpen(program, path, target, e);
        }
        var charset = ConnectionCharset(target, path, declared);
        return await SqlSession.Open(program, path, target.Where, target.User, FirebirdDialect.Instance,
            new FbConnection(target.ConnectionString(path, charset)), cancel, declared, charset,
            e => FirebirdProblems.OnOpen(program, path, target, e),
            attach: (c, ct) => target.Attach((FbConnection)c, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// The connection's character set: the configured one, else the declared one (WIN1250 for a
    /// database that declares none). Through a server, the driver sends the file name in the
    /// connection's character set while Firebird 3 reads it as UTF-8, so a path with letters
    /// beyond ASCII ("Księgowość") is opened with UTF8, which the server translates from the
    /// declared set without loss. The probe of the declared set always uses UTF8 for that reason.
    /// </summary>
    internal static string ConnectionCharset(FirebirdTarget target, string path, string declared)
    {
        var chosen = target.Charset ?? (declared is "NONE" or "" ? "WIN1250" : declared);
        return NameTravels(target, path) && declared is not ("NONE" or "") ? "UTF8" : chosen;
    }

    /// <summary>Through a server, a file name beyond ASCII travels in the connection's character set.</summary>
    private static bool NameTravels(FirebirdTarget target, string path) =>
        target.Mode == FirebirdMode.Server && !Ascii.IsValid(path);

    /// <summary>The declared charset of the database opened last in each folder: the first guess for the next file there.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> FolderCharset = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens the database once, with the connection charset its folder's last database called for
    /// (a program's firm databases share one), and reads the declared charset on that connection.
    /// The session is the one <see cref="Open"/> would give when the charset that follows from the
    /// declared one is the guessed one; else null (the file is opened again with the right one).
    /// A probe per file was a second attach, which cost about a third of reading a firm database.
    /// </summary>
    private static async Task<Either<Problem, SqlSession>?> OpenGuessing(
        string program, FirebirdTarget target, string path, CancellationToken cancel)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
        var guess = ConnectionCharset(target, path, FolderCharset.TryGetValue(folder, out var last) ? last : "NONE");
        var opened = await SqlSession.Open(program, path, target.Where, target.User, FirebirdDialect.Instance,
            new FbConnection(target.ConnectionString(path, guess)), cancel, null, guess,
            e => FirebirdProblems.OnOpen(program, path, target, e),
            attach: (c, ct) => target.Attach((FbConnection)c, ct)).ConfigureAwait(false);
        if (opened.IsLeft) return opened;
        var session = opened.IfLeft(() => throw new InvalidOperationException());
        Either<Problem, List<string>> names;
        try
        {
            names = await session.List(CharsetSql, [], r => r.IsDBNull(0) ? "" : r.GetString(0).Trim().ToUpperInvariant(), cancel)
                .ConfigureAwait(false);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var declared = names.Match(n => n.Count > 0 ? n[0] : "NONE", _ => "");
        if (declared == "")
        {
            // not read on this connection: the file is opened as before, with a probe of its own
            await session.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        FolderCharset[folder] = declared;
        Remember(target, path, declared);
        if (ConnectionCharset(target, path, declared) == guess) return session.WithDeclaredCharset(declared);
        await session.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private static Problem? Precheck(string program, FirebirdTarget target, string path)
    {
        if (!target.FilesAreLocal) return null;
        if (!File.Exists(path))
            return target.Mode == FirebirdMode.Embedded
                ? FirebirdProblems.FileMissing(program, path)
                : null; // the server may see another file system; it will say
        return OdsHeader.Read(path).MatchUnsafe(
            Right: ods => OdsHeader.Mismatch(program, path, ods),
            Left: p => p.Code == "firebird.not-a-database" ? FirebirdProblems.NotADatabase(program, path) : null);
    }

    private const string CharsetSql = "SELECT RDB$CHARACTER_SET_NAME FROM RDB$DATABASE";

    /// <summary>Declared charsets of local files by path and size, each with when it was probed.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, long), (string Charset, DateTime At)> Declared = new();

    private static readonly TimeSpan DeclaredFor = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The declared charset, probed once per local file (path and size) for ten minutes: a sync opens
    /// each firm database in its check and again in its read, and the probe is a second attach each
    /// time. The file's time cannot tell a changed database, as every attach writes the header page;
    /// a charset changes only with a restore into a new file. A database only the server sees is
    /// probed every time.
    /// </summary>
    private static async Task<string> KnownCharset(FirebirdTarget target, string path, CancellationToken cancel)
    {
        if (Known(target, path) is { } known) return known;
        var declared = await DeclaredCharsetOf(target, path, cancel).ConfigureAwait(false);
        Remember(target, path, declared);
        return declared;
    }

    /// <summary>The key of a local file in <see cref="Declared"/>, or null for a file only the server sees.</summary>
    private static (string, long)? FileKey(FirebirdTarget target, string path)
    {
        var file = target.FilesAreLocal && File.Exists(path) ? new FileInfo(path) : null;
        return file is null ? null : (Path.GetFullPath(path), file.Length);
    }

    private static string? Known(FirebirdTarget target, string path) =>
        FileKey(target, path) is { } key && Declared.TryGetValue(key, out var known) && DateTime.UtcNow - known.At < DeclaredFor
            ? known.Charset
            : null;

    private static void Remember(FirebirdTarget target, string path, string declared)
    {
        if (FileKey(target, path) is { } key) Declared[key] = (declared, DateTime.UtcNow);
    }

    private static async Task<string> DeclaredCharsetOf(FirebirdTarget target, string path, CancellationToken cancel)
    {
        await using var connection = new FbConnection(target.ConnectionString(path, "UTF8"));
        await target.Attach(connection, cancel).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(FirebirdDialect.ReadOnly, cancel).ConfigureAwait(false);
        await using var command = new FbCommand(CharsetSql, connection, tx);
        var value = await command.ExecuteScalarAsync(cancel).ConfigureAwait(false);
        await tx.CommitAsync(cancel).ConfigureAwait(false);
        return (value as string)?.Trim().ToUpperInvariant() ?? "NONE";
    }
}
