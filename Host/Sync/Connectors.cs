using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Config;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>The connectors this build has, by program.</summary>
public static class Connectors
{
    public static IReadOnlyDictionary<ProgramId, IProgramConnector> Available { get; } = Create();

    private static Dictionary<ProgramId, IProgramConnector> Create()
    {
        var list = new List<IProgramConnector>();
        ConnectorList.AddTo(list);
        return list.ToDictionary(c => c.Program);
    }

    public static Option<IProgramConnector> Find(ProgramId id) =>
        Available.TryGetValue(id, out var c) ? Some(c) : None;

    /// <summary>The configuration a connector gets: the entry's values, the resolved password, the profile folder.</summary>
    public static Either<Problem, ProgramConfig> Resolve(ProgramId id, ProgramEntry entry, DataDir dir)
    {
        var values = new SortedDictionary<string, string>(entry.Values, StringComparer.Ordinal);
        values.TryAdd("profileDir", dir.ProfileDir);
        return SecretRefs.Resolve(entry.Password, id.ToString())
            .Map(secret => new ProgramConfig(id, values, secret.MatchUnsafe(x => x, () => (Secret?)null)));
    }

    /// <summary>The enabled, configured programs of a configuration.</summary>
    public static Seq<(ProgramId Id, ProgramEntry Entry)> Configured(AppConfig cfg) =>
        cfg.Programs
            .Where(kv => kv.Value.Enabled)
            .Choose(kv => Optional(ProgramIds.FromCode(kv.Key)).Map(id => (id, kv.Value)))
            .ToSeq();
}
