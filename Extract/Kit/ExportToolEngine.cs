using System.Diagnostics;
using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// Table files that a program's own export tool writes (KPR's ImportDoKPR): on Windows, when the
/// "exporter" setting names the tool, it is run for a database folder before the folder is opened
/// (arguments from <see cref="Arguments"/>, at most <see cref="Timeout"/>); elsewhere, or without
/// the setting, the export already in the folder is read. The tool reads the program's data and
/// writes only its export files.
/// </summary>
public sealed class ExportToolEngine(ISourceEngine inner, Func<string, string> arguments) : ISourceEngine
{
    public string Name => inner.Name;
    public string LocationSetting => inner.LocationSetting;
    public bool Files => inner.Files;

    /// <summary>The tool's command line for a database folder.</summary>
    public Func<string, string> Arguments => arguments;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) =>
        [.. inner.Settings(pathDescription),
         new("exporter", "path of the program's export tool (run on Windows before reading; elsewhere the export already there is read)", false, null)];

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        inner.Target(program, config).Map(t => config.Get("exporter") is { Length: > 0 } tool && OperatingSystem.IsWindows()
            ? (ISourceTarget)new Exporting(t, program, tool, this) : t);

    private sealed class Exporting(ISourceTarget inner, string program, string tool, ExportToolEngine engine) : ISourceTarget
    {
        public async Task<Either<Problem, ISourceDatabase>> Open(string database, CancellationToken cancel)
        {
            var ran = await Run(database, cancel).ConfigureAwait(false);
            return ran is { } problem ? problem : await inner.Open(database, cancel).ConfigureAwait(false);
        }

        private async Task<Problem?> Run(string folder, CancellationToken cancel)
        {
            if (!File.Exists(tool)) return SourceProblems.Setting(program, "exporter", "the export tool does not exist: " + tool);
            var start = new ProcessStartInfo(tool, engine.Arguments(folder))
            {
                UseShellExecute = false, CreateNoWindow = true, WorkingDirectory = Path.GetDirectoryName(tool) ?? folder,
            };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(engine.Timeout);
            try
            {
                using var process = Process.Start(start);
                if (process is null) return ToolFailed(folder, "it did not start");
                try { await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    process.Kill(entireProcessTree: true);
                    return ToolFailed(folder, $"it did not finish in {engine.Timeout.TotalSeconds:0} s");
                }
                return process.ExitCode == 0 ? null : ToolFailed(folder, $"it ended with code {process.ExitCode}");
            }
            catch (System.ComponentModel.Win32Exception e) { return ToolFailed(folder, e.Message); }
        }

        /// <summary>The export tool failed. Args: program, tool, folder, why.</summary>
        private Problem ToolFailed(string folder, string why) =>
            Problem.Of("source.export-tool",
                $"{program}: the export tool {tool} failed for {folder}: {why}: run it by hand to see its message, or check the exporter setting",
                program, tool, folder, why);

        public string Describe(ISourceDatabase database) => inner.Describe(database) + $", exported by {Path.GetFileName(tool)}";
        public string Combine(string root, string name) => inner.Combine(root, name);
        public Seq<string> List(string root) => inner.List(root);
        public Task<Either<Problem, Seq<string>>> Databases(string root, CancellationToken cancel) => inner.Databases(root, cancel);
    }
}
