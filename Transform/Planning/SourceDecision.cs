using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Planning;

/// <summary>Where one firm's data of one source slot comes from in an update.</summary>
public abstract record SourceDecision
{
    private SourceDecision() { }

    /// <summary>
    /// The program and the firm's key in it; Why: "own", "global", "only program" or, for basic
    /// data in several programs with nothing chosen, "default order".
    /// </summary>
    public sealed record Chosen(ProgramId Program, string FirmKey, string Why) : SourceDecision;

    /// <summary>*nie aktualizuj*: the slot is switched off for the firm.</summary>
    public sealed record Off : SourceDecision;

    /// <summary>*brak danych*: the chosen program does not have the firm.</summary>
    public sealed record NoData(ProgramId Program) : SourceDecision;

    /// <summary>
    /// Several programs have the firm and no setting chose one for ZUS or for taxes and
    /// statements: the user must choose. (Basic data has a default instead; empty only for a
    /// firm without any source.)
    /// </summary>
    public sealed record Conflict(Seq<ProgramId> Candidates) : SourceDecision;

    public const string ByOwnSetting = "own";
    public const string ByGlobalSetting = "global";
    public const string ByOnlyProgram = "only program";
    public const string ByDefaultOrder = "default order";

    /// <summary>Short text for the firm list: the program, "nie aktualizuj", "brak danych", "?".</summary>
    public string Label => this switch
    {
        Chosen c => c.Program.ToString(),
        Off => "nie aktualizuj",
        NoData n => $"brak danych ({n.Program})",
        Conflict c => $"? ({string.Join(", ", c.Candidates)})",
        _ => "",
    };
}
