using LanguageExt;

namespace KonektoSync.Domain;

/// <summary>
/// The natural key of a fact in the panel: firm + data kind + period + what (payer, tax, account).
/// Basic data has no period.
/// </summary>
public sealed record FactKey(Nip Firm, DataKind Kind, Option<Period> Period, string Subject)
{
    public string Text =>
        string.Concat([Firm.Value, "|", Kind.Code(), "|", Period.IsSome ? Period.IfNone(default(Period)).ToString() : "-", "|", Subject]);
    public override string ToString() => Text;
}

/// <summary>What a fact says.</summary>
public abstract record FactBody
{
    private FactBody() { }
    public sealed record BasicData(Firm Firm) : FactBody;
    public sealed record Zus(ZusContribution Contribution, DateOnly DueDate) : FactBody;
    public sealed record Tax(TaxLiability Liability, DateOnly DueDate) : FactBody;
    public sealed record TrialBalance(TrialBalanceLine Line) : FactBody;
    public sealed record TaxBook(TaxBookSummary Summary) : FactBody;
}

/// <summary>
/// A value ready for the panel: its key, what it says, the program it came from and a stable
/// content hash (same on every run and machine) used to send only what changed.
/// </summary>
public sealed record Fact(FactKey Key, FactBody Body, ProgramId Source, string ContentHash);

/// <summary>What the load step is told to do with a group's facts.</summary>
public sealed record LoadCommand(Nip Firm, DataKind Kind, Seq<Fact> Facts, bool Approve)
{
    /// <summary>
    /// The months the command speaks for (the update range). A value confirmed earlier for this
    /// firm and kind in these months that the command no longer holds is reported as
    /// disappeared. None: the months from the earliest to the latest of its facts.
    /// </summary>
    public Option<(Period From, Period To)> Months { get; init; }
}
