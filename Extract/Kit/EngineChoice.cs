using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using LanguageExt;

namespace KonektoSync.Extract.Kit;

/// <summary>
/// A program whose installations run on one of several engines, chosen in its configuration by a
/// setting naming the engine (enova365: "engine" = sqlserver | mysql, as the manual's configuration
/// asks "MS SQL lub MySQL"). The first option is the default; every option's settings are offered.
/// </summary>
public sealed class EngineChoice : ISourceEngine
{
    private readonly (string Value, ISourceEngine Engine)[] _options;

    public EngineChoice(string setting, params (string Value, ISourceEngine Engine)[] options)
    {
        if (options.Length == 0) throw new ArgumentException("an engine choice needs at least one engine", nameof(options));
        if (options.Select(o => o.Engine.LocationSetting).Distinct().Count() != 1)
            throw new ArgumentException("the engines of a choice must share their location setting", nameof(options));
        Setting = setting;
        _options = options;
    }

    /// <summary>The setting that names the engine.</summary>
    public string Setting { get; }

    /// <summary>The values the setting takes, the default first.</summary>
    public IReadOnlyList<string> Values => _options.Select(o => o.Value).ToList();

    public string Name => string.Join(" or ", _options.Select(o => o.Engine.Name));
    public string LocationSetting => _options[0].Engine.LocationSetting;
    public bool Files => _options.Any(o => o.Engine.Files);

    public IReadOnlyList<SettingSpec> Settings(string pathDescription) =>
        new[] { new SettingSpec(Setting, $"database engine: {string.Join(" | ", Values)}", false, _options[0].Value) }
            .Concat(_options.SelectMany(o => o.Engine.Settings(pathDescription)))
            .DistinctBy(s => s.Key).ToList();

    /// <summary>The engine the configuration names (the default when it names none), or the problem naming the setting.</summary>
    public Either<Problem, ISourceEngine> Chosen(string program, ProgramConfig config)
    {
        var value = config.GetOr(Setting, _options[0].Value).Trim();
        return _options.FirstOrDefault(o => string.Equals(o.Value, value, StringComparison.OrdinalIgnoreCase)) is { Engine: { } engine }
            ? Either<Problem, ISourceEngine>.Right(engine)
            : SourceProblems.Setting(program, Setting, value, string.Join(" | ", Values));
    }

    public Either<Problem, ISourceTarget> Target(string program, ProgramConfig config) =>
        Chosen(program, config).Bind(e => e.Target(program, config));
}
