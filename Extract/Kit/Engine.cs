using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Firebird;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>How an engine writes names and parameter markers into SQL text.</summary>
public interface IDialect
{
    /// <summary>A quoted identifier; a schema-qualified name ("CDN.Firma") is quoted part by part.</summary>
    string Quote(string name);

    /// <summary>The marker of a named parameter in SQL text, also used as the parameter's name.</summary>
    string Param(string name);
}

/// <summary>One open, read-only database of a source (SELECT only).</summary>
public interface ISourceSession : IAsyncDisposable
{
    /// <summary>The database (a file path or a database name), for messages.</summary>
    string Where { get; }

    /// <summary>What a check shows about the connection (character set, server).</summary>
    string Describe { get; }

    IDialect Dialect { get; }

    /// <summary>The rows of one SELECT, with an expected driver error as a last, faulted row.</summary>
    IAsyncEnumerable<Streamed<T>> Guarded<T>(string sql, IReadOnlyList<(string Name, object? Value)> args,
        Func<System.Data.Common.DbDataReader, T> map, CancellationToken cancel);

    Task<Either<Problem, List<CatalogColumn>>> Catalog(CancellationToken cancel);

    /// <summary>Table name → its column names (case-insensitive).</summary>
    Task<Either<Problem, Dictionary<string, System.Collections.Generic.HashSet<string>>>> Tables(CancellationToken cancel);
}

/// <summary>A configured way to reach a program's databases: server or embedded, user, password.</summary>
public interface ISourceTarget
{
    /// <summary>Opens one database of the layout (a path, or a database name on a server).</summary>
    Task<Either<Problem, ISourceSession>> Open(string database, CancellationToken cancel);

    /// <summary>A database in a folder (or under a server root), as the engine names it.</summary>
    string Combine(string root, string name);

    /// <summary>The databases or files directly under a root (for layouts that find firms by listing).</summary>
    Seq<string> List(string root);
}

/// <summary>A database engine a program stores its data in.</summary>
public interface ISourceEngine
{
    string Name { get; }

    /// <summary>The settings a program on this engine needs, with the program's own description of "path".</summary>
    IReadOnlyList<SettingSpec> Settings(string pathDescription);

    Either<Problem, ISourceTarget> Target(string program, ProgramConfig config);
}
