using KonektoSync.Domain;

namespace KonektoSync.Extract.Engines.Sql;

/// <summary>A row of a guarded stream: a value, or the problem that ended the stream.</summary>
public readonly record struct Streamed<T>(T Value, Problem? Fault);
