using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Firebird;

/// <summary>Taking a known side of an <see cref="Either{L,R}"/> (after checking IsLeft / IsRight).</summary>
internal static class Outcomes
{
    public static Problem ProblemOf<T>(this Either<Problem, T> e) =>
        e.MatchUnsafe(_ => throw new InvalidOperationException("expected a problem"), p => p);

    public static Problem? ProblemOrNull<T>(this Either<Problem, T> e) => e.MatchUnsafe(_ => null, p => p);

    public static T ValueOf<T>(this Either<Problem, T> e) =>
        e.MatchUnsafe(v => v, p => throw new InvalidOperationException($"expected a value, got {p}"));
}
