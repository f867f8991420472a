using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Facts;

/// <summary>How a program's taxes and contributions are read.</summary>
public enum RuleSet
{
    /// <summary>Declarations as given: each declaration's month is the month of its date.</summary>
    Generic,
    /// <summary>Rule 5, the declaration gate, with PIT-4R / PIT-8AR taken monthly (rule 4).</summary>
    Raks,
    /// <summary>Rule 3, generated reports read newest first.</summary>
    Fakt,
}

/// <summary>
/// What building a group's facts needs besides the records: the copy-forward option, the ZUS
/// payer type to assume where the program does not say, the program's rule set, and today's
/// date (no missing-declaration event for a period whose tax is not due yet), and the key of
/// the PESEL digests in keys and content hashes.
/// </summary>
public sealed record BuildOptions(bool CopyZusForward, PayerType DefaultPayerType, RuleSet Rules, DateOnly Today,
    PeselKey PeselKey)
{
    public static RuleSet RulesFor(ProgramId program) => program switch
    {
        ProgramId.Raks => RuleSet.Raks,
        ProgramId.Fakt => RuleSet.Fakt,
        _ => RuleSet.Generic,
    };

    public static BuildOptions For(ProgramId program, Options options, PayerType defaultPayerType, DateOnly today,
        PeselKey peselKey) =>
        new(options.CopyZusForward, defaultPayerType, RulesFor(program), today, peselKey);
}

/// <summary>The facts of one (program, firm, data kind) group and what the event log should say.</summary>
public sealed record GroupFacts(Seq<Fact> Facts, Seq<SyncEvent> Events);
