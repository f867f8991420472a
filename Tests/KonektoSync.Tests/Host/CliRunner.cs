using System.Text.Json;
using KonektoSync.Host.Cli;

namespace KonektoSync.Tests.Host;

/// <summary>Runs the konektosync command in-process against a temporary data folder.</summary>
public sealed class CliRunner : IDisposable
{
    public string DataDir { get; } = Directory.CreateTempSubdirectory("konektosync-cli-").FullName;

    public sealed record Result(int Exit, string Out, string Err)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
    }

    public Result Run(params string[] args) => RunAsync(args).GetAwaiter().GetResult();

    /// <summary>Runs the command with the texts of <paramref name="lang"/> (en, pl).</summary>
    public Result RunIn(string lang, params string[] args) => RunAsync(args, lang).GetAwaiter().GetResult();

    public async Task<Result> RunAsync(string[] args, CancellationToken cancel = default) => await RunAsync(args, "en", cancel);

    public async Task<Result> RunAsync(string[] args, string lang, CancellationToken cancel = default)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var all = args.Concat(["--data-dir", DataDir, "--lang", lang]).ToArray();
        var code = await CliApp.Run(all, o, e, TimeProvider.System, cancel);
        return new Result(code, o.ToString(), e.ToString());
    }

    /// <summary>
    /// Gives this data folder the secret of <paramref name="other"/>'s (as a restored backup
    /// would), so that both make the same PESEL digests and their panels can be compared.
    /// </summary>
    public void UseSecretOf(CliRunner other) =>
        File.Copy(Path.Combine(other.DataDir, "secret.key"), Path.Combine(DataDir, "secret.key"), overwrite: true);

    public void Dispose()
    {
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
