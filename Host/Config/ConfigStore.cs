using System.Text.Json;
using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Config;

/// <summary>Reads and writes konektosync.json; writes go through a temporary file and a rename.</summary>
public static class ConfigStore
{
    public static Either<Problem, AppConfig> Load(DataDir dir)
    {
        if (!File.Exists(dir.ConfigFile))
            return Left<Problem, AppConfig>(Problem.Of("config.missing",
                $"no configuration in {dir.Path}: run 'konektosync init' first", dir.Path));
        try
        {
            var cfg = JsonSerializer.Deserialize<AppConfig>(File.ReadAllText(dir.ConfigFile), AppConfig.Json);
            if (cfg is null)
                return Left<Problem, AppConfig>(Problem.Of("config.invalid",
                    $"{dir.ConfigFile} is empty: run 'konektosync init' again", dir.ConfigFile));
            return NullEntry(cfg) is { } name
                ? Left<Problem, AppConfig>(Problem.Of("config.null",
                    $"{dir.ConfigFile}: '{name}' is null where a value is expected: write [] or run 'konektosync config clear'",
                    dir.ConfigFile, name))
                : Right<Problem, AppConfig>(cfg);
        }
        catch (JsonException e)
        {
            return Left<Problem, AppConfig>(Problem.Of("config.invalid",
                $"{dir.ConfigFile} is not valid JSON (line {e.LineNumber + 1}): fix it or run 'konektosync config clear'",
                dir.ConfigFile, $"{e.LineNumber + 1}"));
        }
    }

    /// <summary>The first entry of the file that JSON null left empty where a list, a map or a section belongs.</summary>
    public static string? NullEntry(AppConfig cfg)
    {
        (string Name, object? Value)[] entries =
        [
            ("programs", cfg.Programs), ("selectedFirms", cfg.SelectedFirms), ("globalSources", cfg.GlobalSources),
            ("firmSources", cfg.FirmSources), ("options", cfg.Options), ("defaults", cfg.Defaults),
            ("channels", cfg.Channels), ("defaults.kinds", cfg.Defaults?.Kinds),
            ("autoUpdate", cfg.AutoUpdate), ("autoUpdate.kinds", cfg.AutoUpdate?.Kinds), ("autoUpdate.when", cfg.AutoUpdate?.When),
            ("autoUpdate.schedule", cfg.AutoUpdate?.Schedule),
        ];
        foreach (var (name, value) in entries)
            if (value is null) return name;
        foreach (var (name, entry) in cfg.Programs)
            if (entry is null || entry.Values is null) return $"programs.{name}";
        foreach (var (name, entry) in cfg.FirmSources)
            if (entry is null) return $"firmSources.{name}";
        foreach (var (name, entry) in cfg.Channels)
            if (entry is null) return $"channels.{name}";
        if (cfg.SelectedFirms.Any(s => s is null)) return "selectedFirms";
        if (cfg.Defaults!.Kinds.Any(s => s is null)) return "defaults.kinds";
        if (cfg.AutoUpdate!.Kinds.Any(s => s is null)) return "autoUpdate.kinds";
        return null;
    }

    /// <summary>Copies a configuration file that cannot be read to konektosync.json.broken-TIME beside it; returns that path.</summary>
    public static string KeepBroken(DataDir dir, DateTimeOffset now)
    {
        var stamp = now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        for (var n = 0; ; n++)
        {
            var backup = dir.ConfigFile + ".broken-" + stamp + (n == 0 ? "" : "-" + n);
            if (File.Exists(backup)) continue;
            File.Copy(dir.ConfigFile, backup, overwrite: false);
            return backup;
        }
    }

    public static void Save(DataDir dir, AppConfig cfg)
    {
        dir.Ensure();
        var tmp = dir.ConfigFile + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(cfg, AppConfig.Json));
        File.Move(tmp, dir.ConfigFile, overwrite: true);
    }
}
