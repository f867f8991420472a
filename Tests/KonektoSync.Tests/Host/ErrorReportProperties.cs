using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Host.Reports;
using KonektoSync.Host.State;
using KonektoSync.Tests.Generators;

namespace KonektoSync.Tests.Host;

/// <summary>
/// A piece of text a report must not carry: as written in the text, the parts that must vanish, the
/// national digits of a phone (which must not survive even with other separators), and a known secret
/// (a configured password, passed to the report as known).
/// </summary>
public sealed record Sensitive(string Kind, string Text, string[] MustVanish, string? PhoneDigits, string? Known)
{
    public override string ToString() => $"{Kind}: {Text}";
}

/// <summary>A run's events and log lines with sensitive texts embedded in varied contexts.</summary>
public sealed record SensitiveRun(Sensitive[] Items, string[] Messages, string[] LogLines)
{
    public override string ToString() => string.Join(" | ", Items.Select(i => i.ToString()));
}

public sealed class ErrorReportArbs
{
    private const string SecretChars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789!#$%&*+-./:<=>?@^_~";
    private const string LocalChars = "abcdefghijklmnopqrstuvwxyz0123456789._+-";

    private static Gen<string> Chars(string alphabet, int min, int max) =>
        from n in Gen.Choose(min, max)
        from cs in Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)
        select new string(cs);

    /// <summary>A password: 8 to 20 characters with at least one letter and one digit.</summary>
    private static Gen<string> Password =>
        from body in Chars(SecretChars, 6, 18)
        from letter in Gen.Elements("QwErTyZx".ToCharArray())
        from digit in Gen.Choose(0, 9)
        select letter + body + digit;

    private static Gen<Sensitive> Pesel =>
        Gen.OneOf(DomainGen.PeselDigits, Chars("0123456789", 11, 11))
            .Select(d => new Sensitive("pesel", d, [d], null, null));

    private static Gen<Sensitive> Email =>
        from local in Chars(LocalChars, 1, 12)
        from head in Gen.Elements("jkmoa".ToCharArray())
        from domain in Chars("abcdefghijklmnopqrstuvwxyz0123456789-", 2, 12)
        from tld in Gen.Elements("pl", "com", "com.pl", "eu", "org")
        let email = $"{head}{local}@{domain}.{tld}"
        select new Sensitive("e-mail", email, [email], null, null);

    private static Gen<Sensitive> Phone =>
        from d in Chars("0123456789", 9, 9)
        from format in Gen.Elements(
            "{0}{1}{2}{3}{4}{5}{6}{7}{8}", "{0}{1}{2} {3}{4}{5} {6}{7}{8}", "{0}{1}{2}-{3}{4}{5}-{6}{7}{8}",
            "+48 {0}{1}{2} {3}{4}{5} {6}{7}{8}", "+48{0}{1}{2}{3}{4}{5}{6}{7}{8}", "0048 {0}{1}{2}-{3}{4}{5}-{6}{7}{8}",
            "({0}{1}) {2}{3}{4} {5}{6} {7}{8}", "+48 ({0}{1}) {2}{3}{4}-{5}{6}-{7}{8}", "{0}{1}{2}.{3}{4}{5}.{6}{7}{8}")
        let text = string.Format(format, d.Select(c => (object)c).ToArray())
        select new Sensitive("phone", text, [text], d, null);

    private static Gen<Sensitive> ConnectionString =>
        from user in Chars("abcdefghijklmnopqrstuvwxyz", 4, 10)
        from password in Password
        from style in Gen.Elements(
            "Server=db.local;Database=firma;User Id={0};Password={1};",
            "Host=127.0.0.1;Port=5432;Username={0};Password={1}",
            "Data Source=srv\\OPTIMA;Initial Catalog=CDN_Firma;UID={0};PWD={1};TrustServerCertificate=true",
            "DataSource=localhost;Database=/srv/raks/RAKS.FDB;User={0};Password={1};Charset=WIN1250",
            "server=mariadb;user={0};pwd=\"{1}\";database=gt")
        let text = string.Format(style, user, password)
        select new Sensitive("connection string", text, [text, password, "=" + user], null, null);

    private static Gen<Sensitive> KeyedSecret =>
        from secret in Password
        from form in Gen.Elements("password={0}", "Password: {0}", "\"token\":\"{0}\"", "api_key={0}", "apiKey = '{0}'",
            "Authorization: Bearer {0}", "secret={0}", "hasło: {0}", "PWD={0}")
        let text = string.Format(form, secret)
        select new Sensitive("secret", text, [secret], null, null);

    private static Gen<Sensitive> KnownPassword =>
        from secret in Gen.OneOf(Password, from a in Password from b in Password select a + " " + b)
        select new Sensitive("known password", secret, [secret], null, secret);

    private static Gen<string> Context => Gen.Elements(
        "{0}", "failed: {0}.", "({0})", "'{0}'", "\"{0}\"", "<{0}>", "value {0}, next", "x{0}y", "[{0}]",
        "connection to {0} refused", "{0}\n   at Konekto.Something()", "kontakt:{0};");

    private static Gen<string> Word => Gen.Elements("the", "firm", "read", "failed", "program", "zus", "okres", "błąd", "-", ":");

    private static Gen<string> Embedded(Sensitive item) =>
        from context in Context
        from nb in Gen.Choose(0, 4)
        from before in Gen.ArrayOf(Word, nb)
        from na in Gen.Choose(0, 4)
        from after in Gen.ArrayOf(Word, na)
        select string.Join(' ', before.Append(string.Format(context, item.Text)).Concat(after));

    public static Arbitrary<SensitiveRun> Run() =>
        (from n in Gen.Choose(1, 6)
         from items in Gen.ArrayOf(Gen.OneOf(Pesel, Email, Phone, ConnectionString, KeyedSecret, KnownPassword), n)
         from messages in Gen.CollectToArray(items.Select(Embedded))
         from prefixed in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), items.Length)
         select new SensitiveRun(items, messages, messages.Select((m, i) => prefixed[i]
             ? $"2026-12-05 07:35:00.123 +01:00 [ERR] run-1 {m}" : m).ToArray()))
        .ToArbitrary();
}

internal static class GenExtensions
{
    public static Gen<T[]> CollectToArray<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Constant(Array.Empty<T>()), (acc, g) => from xs in acc from x in g select xs.Append(x).ToArray());
}

[Properties(Arbitrary = new[] { typeof(ErrorReportArbs) })]
public sealed class ErrorReportProperties
{
    [Property(MaxTest = 300)]
    public bool No_secret_connection_string_pesel_e_mail_or_phone_survives_into_a_report(SensitiveRun run)
    {
        var events = run.Messages.Select((m, i) => new EventRow(i, "run-1", DateTimeOffset.UnixEpoch, "error",
            "program.read-failed", "raks", m, "zus", m, m, "remedy: " + m, [m, "x"])).ToList();
        var known = run.Items.Where(i => i.Known is not null).Select(i => i.Known!).ToList();
        var report = ErrorReport.Create("run-1", "some-failed", "1.0", DateTimeOffset.UnixEpoch, "Linux",
            [new ReportProgram("raks", "default", true)], events, run.LogLines, known);

        var strings = Strings(JsonDocument.Parse(report.ToJson()).RootElement).ToList();
        return run.Items.All(item =>
            item.MustVanish.All(part => strings.All(s => !s.Contains(part, StringComparison.Ordinal)))
            && (item.PhoneDigits is not { } digits
                || strings.All(s => !new string(s.Where(char.IsAsciiDigit).ToArray()).Contains(digits, StringComparison.Ordinal))));
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
