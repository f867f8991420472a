using System.Globalization;
using System.Text.Json;
using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Journal;

/// <summary>
/// A stable JSON form of a <see cref="Fact"/> (System.Text.Json): the outbox keeps facts in
/// it until the sink confirms them. Reading validates every value again through the
/// domain's constructors; what cannot be read is a <see cref="Problem"/>.
/// </summary>
public static class FactJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>
    /// The fact's JSON; with a <paramref name="seal"/> (the outbox) every PESEL in it (a user's,
    /// a payer's key) is sealed, without one it is in clear text.
    /// </summary>
    public static string Write(Fact fact, PeselSeal? seal = null) =>
        JsonSerializer.Serialize(ToDto(fact, seal), Options);

    public static Either<Problem, Fact> Read(string json, PeselSeal? seal = null)
    {
        try
        {
            var dto = JsonSerializer.Deserialize<FactDto>(json, Options)
                ?? throw new JsonException("the stored fact is null");
            return Right<Problem, Fact>(FromDto(dto, seal));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return Left<Problem, Fact>(Problem.Of("fact.json",
                $"a stored fact cannot be read: {e.Message}"));
        }
        catch (InvalidValue e)
        {
            return Left<Problem, Fact>(e.Problem);
        }
    }

    /// <summary>A fact read from the panel protocol (no PESEL in it, checked by the caller).</summary>
    internal static Either<Problem, Fact> FromWire(FactDto dto)
    {
        try
        {
            return Right<Problem, Fact>(FromDto(dto, null));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return Left<Problem, Fact>(Problem.Of("fact.json", $"a fact cannot be read: {e.Message}"));
        }
        catch (InvalidValue e)
        {
            return Left<Problem, Fact>(e.Problem);
        }
    }

    internal static FactDto ToDto(Fact f, PeselSeal? seal) => new(
        new KeyDto(f.Key.Firm.Value, f.Key.Kind.Code(),
            f.Key.Period.MatchUnsafe(p => p.ToString(), () => (string?)null), f.Key.Subject),
        f.Source.Code(), f.ContentHash, FactBodyJson.ToDto(f.Body, seal));

    internal static Fact FromDto(FactDto d, PeselSeal? seal) => new(
        new FactKey(NipOf(d.Key.Firm), KindOf(d.Key.Kind),
            d.Key.Period is null ? None : Some(PeriodOf(d.Key.Period)), d.Key.Subject),
        FactBodyJson.FromDto(d.Body, seal),
        ProgramIds.FromCode(d.Source) ?? throw Invalid("program", d.Source),
        d.Hash ?? throw new JsonException("the stored fact has no hash"));

    internal static Nip NipOf(string raw) => Valid(Nip.Create(raw));
    internal static Period PeriodOf(string raw) => Valid(Period.Parse(raw));
    internal static Money MoneyOf(string raw) =>
        Money.Pln(decimal.Parse(raw, NumberStyles.Number, CultureInfo.InvariantCulture));
    internal static string Text(Money m) => m.ToString();
    internal static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    internal static DateOnly DateOf(string raw) =>
        DateOnly.ParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static T EnumOf<T>(string raw) where T : struct, Enum =>
        Enum.TryParse<T>(raw, ignoreCase: false, out var v) && Enum.IsDefined(v)
            ? v : throw Invalid(typeof(T).Name, raw);

    private static DataKind KindOf(string raw) =>
        DataKinds.FromCode(raw) ?? throw Invalid("kind", raw);

    internal static T Valid<T>(Validation<Problem, T> v) =>
        v.Match(Succ: x => x, Fail: es => throw new InvalidValue(es.Head));

    internal static Exception Invalid(string what, string raw) =>
        new InvalidValue(Problem.Of("fact.json", $"a stored fact has an unknown {what} '{raw}'", raw));

    /// <summary>A stored value the domain rejects; turned into a Problem by <see cref="Read"/>.</summary>
    internal sealed class InvalidValue(Problem problem) : Exception(problem.Message)
    {
        public Problem Problem { get; } = problem;
    }
}
