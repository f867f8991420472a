using System.Reflection;
using KonektoSync.Domain;
using KonektoSync.Transform.Firms;

namespace KonektoSync.Tests.Architecture;

/// <summary>
/// Domain and Transform are pure: no files, console, clock, network, database or logging.
/// Checked on the built assemblies: what they reference, and what their IL calls.
/// </summary>
public class PurityTests
{
    private static readonly Assembly DomainAssembly = typeof(Nip).Assembly;
    private static readonly Assembly TransformAssembly = typeof(FirmMerge).Assembly;

    private static readonly string[] ForbiddenAssemblies =
    [
        "Microsoft.Data", "System.Data", "Serilog", "Microsoft.Extensions", "System.Net",
        "System.Console", "System.IO.FileSystem", "FirebirdSql", "MySqlConnector", "Npgsql",
        "CsvHelper", "KonektoSync.Extract", "KonektoSync.Load", "KonektoSync.Host",
    ];

    /// <summary>Types whose every member is forbidden.</summary>
    private static readonly string[] ForbiddenTypes =
    [
        "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.Directory",
        "System.IO.DirectoryInfo", "System.IO.StreamReader", "System.IO.StreamWriter",
        "System.Console", "System.Environment", "System.Random", "System.Diagnostics.Stopwatch",
    ];

    private static readonly string[] ForbiddenMembers =
    [
        "System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTime::get_Today",
        "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow",
        "System.TimeProvider::get_System", "System.Guid::NewGuid",
    ];

    private static readonly string[] ForbiddenNamespaces =
        ["System.Net.", "Microsoft.Data.", "Serilog", "Microsoft.Extensions.Logging"];

    [Fact]
    public void Domain_references_only_the_base_library_and_language_ext()
    {
        var actual = Unexpected(DomainAssembly, "LanguageExt.Core");

        Assert.Empty(actual);
    }

    [Fact]
    public void Transform_references_only_domain_the_base_library_and_language_ext()
    {
        var actual = Unexpected(TransformAssembly, "LanguageExt.Core", "KonektoSync.Domain");

        Assert.Empty(actual);
    }

    [Fact]
    public void Domain_code_calls_no_file_console_clock_network_database_or_logging()
    {
        var actual = ImpureUses(DomainAssembly);

        Assert.Empty(actual);
    }

    [Fact]
    public void Transform_code_calls_no_file_console_clock_network_database_or_logging()
    {
        var actual = ImpureUses(TransformAssembly);

        Assert.Empty(actual);
    }

    [Fact]
    public void The_check_finds_a_clock_call_where_there_is_one()
    {
        var actual = ImpureUses(typeof(PurityTests).Assembly);

        Assert.Contains(new MemberUse($"{typeof(PurityTests).FullName}::{nameof(ReadsTheClock)}",
            "System.DateTime::get_Now"), actual);
    }

    /// <summary>What the check must catch; never called.</summary>
    private static DateTime ReadsTheClock() => DateTime.Now;

    private static IEnumerable<string> Unexpected(Assembly assembly, params string[] allowed) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "")
            .Where(name => !allowed.Contains(name))
            .Where(name => !IsBaseLibrary(name) || ForbiddenAssemblies.Any(name.StartsWith));

    private static bool IsBaseLibrary(string name) =>
        name is "System" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal);

    private static IEnumerable<MemberUse> ImpureUses(Assembly assembly) =>
        IlScanner.MemberUses(assembly).Where(u => IsImpure(u.Member)).Distinct();

    /// <summary>What the compiler itself emits (iterator state machines read the thread id).</summary>
    private static readonly string[] CompilerEmitted = ["System.Environment::get_CurrentManagedThreadId"];

    private static bool IsImpure(string member)
    {
        var type = member.Split("::")[0];
        return !CompilerEmitted.Contains(member) && (ForbiddenMembers.Contains(member)
            || ForbiddenTypes.Contains(type)
            || ForbiddenNamespaces.Any(ns => type.StartsWith(ns, StringComparison.Ordinal)));
    }
}
