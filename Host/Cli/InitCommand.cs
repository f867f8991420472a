using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;

namespace KonektoSync.Host.Cli;

public static class InitCommand
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing configuration" };
        var cmd = new Command("init", "Create konektosync.json and konektosync.db in the data folder") { force };
        cmd.SetAction((pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (File.Exists(c.Dir.ConfigFile) && !pr.GetValue(force))
                return Task.FromResult(c.Out.Fail(Problem.Of("config.exists",
                    $"{c.Dir.ConfigFile} exists: use --force to start again", c.Dir.ConfigFile)));
            var today = DateOnly.FromDateTime(c.Clock.GetLocalNow().Date);
            var to = Period.Of(today).Previous;
            var from = Period.Of(to.FirstDay.AddMonths(-11));
            var cfg = new AppConfig { Defaults = { From = from.ToString(), To = to.ToString() } };
            ConfigStore.Save(c.Dir, cfg);
            using (State.StateStore.Open(c.Dir.StateDb)) { }
            SecretKey.LoadOrCreate(c.Dir);
            if (c.Out.Json) c.Out.WriteJson(new { dataDir = c.Dir.Path, from = cfg.Defaults.From, to = cfg.Defaults.To });
            else c.Out.Line(Texts.Texts.Get("init.done", c.Dir.Path, cfg.Defaults.From, cfg.Defaults.To));
            return Task.FromResult(Exit.Ok);
        });
        return cmd;
    }
}
