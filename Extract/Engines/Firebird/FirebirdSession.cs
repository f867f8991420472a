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
        var nameTravels = target.Mode == FirebirdMode.Server && !Ascii.IsValid(path);
        return nameTravels && declared is not ("NONE" or "") ? "UTF8" : chosen;
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
        var file = target.FilesAreLocal && File.Exists(path) ? new FileInfo(path) : null;
        var key = file is null ? default : (Path.GetFullPath(path), file.Length);
        if (file is not null && Declared.TryGetValue(key, out var known) && DateTime.UtcNow - known.At < DeclaredFor)
            return known.Charset;
        var declared = await DeclaredCharsetOf(target, path, cancel).ConfigureAwait(false);
        if (file is not null) Declared[key] = (declared, DateTime.UtcNow);
        return declared;
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
