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
            return cfg is null
                ? Left<Problem, AppConfig>(Problem.Of("config.invalid",
                    $"{dir.ConfigFile} is empty: run 'konektosync init' again", dir.ConfigFile))
                : Right<Problem, AppConfig>(cfg);
        }
        catch (JsonException e)
        {
            return Left<Problem, AppConfig>(Problem.Of("config.invalid",
                $"{dir.ConfigFile} is not valid JSON (line {e.LineNumber + 1}): fix it or run 'konektosync config clear'",
                dir.ConfigFile, $"{e.LineNumber + 1}"));
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
