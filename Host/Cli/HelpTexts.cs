using System.CommandLine;
using System.CommandLine.Help;

namespace KonektoSync.Host.Cli;

/// <summary>
/// The help texts of commands, options and arguments, from the texts file in the reader's language.
/// A command's key is "help." and its path ("help.panel.show"; the root is "help.konektosync"); an
/// option's or argument's key adds its name ("help.sync.--dry-run", "help.panel.show.nip"). The help
/// and version options are described by System.CommandLine's own (localized) resources.
/// </summary>
public static class HelpTexts
{
    /// <summary>Every described symbol of the tree under <paramref name="root"/> with its key.</summary>
    public static IEnumerable<(string Key, Symbol Symbol)> All(RootCommand root) => Walk(root, "");

    private static IEnumerable<(string Key, Symbol Symbol)> Walk(Command cmd, string path)
    {
        var key = path.Length == 0 ? "help.konektosync" : "help." + path;
        var prefix = path.Length == 0 ? "help." : "help." + path + ".";
        yield return (key, cmd);
        foreach (var o in cmd.Options.Where(o => o is not HelpOption and not VersionOption))
            yield return (prefix + o.Name, o);
        foreach (var a in cmd.Arguments)
            yield return (prefix + a.Name, a);
        foreach (var sub in cmd.Subcommands)
            foreach (var x in Walk(sub, path.Length == 0 ? sub.Name : path + "." + sub.Name))
                yield return x;
    }

    /// <summary>Sets each symbol's description to its text in the reader's language, where there is one.</summary>
    public static void Apply(RootCommand root)
    {
        foreach (var (key, symbol) in All(root))
            if (Texts.Texts.Find(key) is { } text)
                symbol.Description = text;
        // described by System.CommandLine when they were made, before the reader's language was known
        foreach (var o in root.Options)
            if ((o is HelpOption ? "scl.HelpOptionDescription" : o is VersionOption ? "scl.VersionOptionDescription" : null)
                is { } key && Texts.Texts.Find(key) is { } text)
                o.Description = text;
    }

    /// <summary>
    /// Gives every command group without an action of its own (the root, `panel`, `programs`...) one that
    /// prints its help: a bare group is a request for its help, exit 0.
    /// </summary>
    public static void HelpForGroups(Command cmd)
    {
        if (cmd.Subcommands.Count > 0 && cmd.Action is null)
            cmd.SetAction(pr => new HelpAction().Invoke(pr));
        foreach (var sub in cmd.Subcommands) HelpForGroups(sub);
    }
}
