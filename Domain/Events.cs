using LanguageExt;

namespace KonektoSync.Domain;

public enum Severity { Info, Warning, Error }

/// <summary>
/// What happened, as a value: to which program, firm, data kind and month, the cause (Code and
/// Message, English) and the remedy the manual gives. Interfaces render Code through their
/// own resources with Args. Never holds a password, a connection string or a PESEL.
/// </summary>
public sealed record SyncEvent(
    Severity Severity,
    string Code,
    Option<ProgramId> Program,
    Option<Nip> Firm,
    Option<DataKind> Kind,
    Option<Period> Period,
    string Message,
    string Remedy,
    Seq<string> Args)
{
    public static SyncEvent Of(Severity severity, string code, string message, string remedy = "",
        ProgramId? program = null, Nip? firm = null, DataKind? kind = null, Period? period = null,
        params string[] args) =>
        new(severity, code, Prelude.Optional(program), Prelude.Optional(firm), Prelude.Optional(kind),
            period is { } p ? Prelude.Some(p) : Prelude.None, message, remedy, args.ToSeq());

    public static SyncEvent FromProblem(Severity severity, Problem p, string remedy = "",
        ProgramId? program = null, Nip? firm = null, DataKind? kind = null, Period? period = null) =>
        Of(severity, p.Code, p.Message, remedy, program, firm, kind, period, p.Args.ToArray());
}
