using LanguageExt;

namespace KonektoSync.Domain;

/// <summary>
/// An expected failure as a value: a stable <see cref="Code"/> (e.g. "nip.checksum"), the values
/// it is about, and an English sentence a person can act on. User interfaces render the code
/// through their own (Polish/English) resources, with <see cref="Args"/> as the placeholders.
/// </summary>
public sealed record Problem(string Code, string Message, Seq<string> Args)
{
    public static Problem Of(string code, string message, params string[] args) =>
        new(code, message, args.ToSeq());

    public override string ToString() => $"{Message} [{Code}]";
}
