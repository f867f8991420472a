using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Firms;

/// <summary>A firm as one program has it, under the program's own key.</summary>
public sealed record FirmInProgram(ProgramId Program, string FirmKey, Firm Firm);

/// <summary>One client firm (one NIP) with every program that has it, ordered by program, key.</summary>
public sealed record MergedFirm(Nip Nip, Seq<FirmInProgram> Sources)
{
    /// <summary>The programs that have the firm, each once, in order.</summary>
    public Seq<ProgramId> Programs => Sources.Map(s => s.Program).Distinct().OrderBy(p => p).ToSeq();

    /// <summary>The firm's entry in a program (the first by key when it lists the firm twice).</summary>
    public Option<FirmInProgram> In(ProgramId program) =>
        Sources.Filter(s => s.Program == program).OrderBy(s => s.FirmKey, StringComparer.Ordinal)
            .HeadOrNone();

    /// <summary>The name to show: the first source's.</summary>
    public string Name => Sources.HeadOrNone().Match(s => s.Firm.Name, () => Nip.Formatted);
}

/// <summary>The firms found, one per NIP, and what was reported on the way.</summary>
public sealed record FirmMergeResult(Seq<MergedFirm> Firms, Seq<SyncEvent> Events);
