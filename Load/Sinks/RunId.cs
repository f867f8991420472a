using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Sinks;

/// <summary>
/// The id of one sync run: letters, digits, '-', '_', '.' or ':', 1 to 64 characters.
/// The host makes one per run (e.g. from a Guid); the outbox files staged facts under it.
/// </summary>
public sealed record RunId
{
    public string Value { get; }
    private RunId(string value) => Value = value;

    public static Validation<Problem, RunId> Create(string? raw)
    {
        var s = raw?.Trim() ?? "";
        return s.Length is >= 1 and <= 64 && s.All(IsAllowed)
            ? Success<Problem, RunId>(new RunId(s))
            : Fail<Problem, RunId>(Problem.Of("run.id",
                $"run id '{s}': use 1-64 letters, digits, '-', '_', '.' or ':'", s));
    }

    public static RunId Of(Guid id) => new(id.ToString("N"));

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    public override string ToString() => Value;
}
