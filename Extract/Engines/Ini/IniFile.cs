using System.Text;
using KonektoSync.Extract.Engines.Files;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Extract.Engines.Ini;

/// <summary>One key=value line of an INI file, in file order.</summary>
public sealed record IniEntry(string Section, string Key, string Value, int Line);

/// <summary>
/// An INI file as Windows programs write them (e.g. Symfonia's MKP.INI): CP1250 unless a BOM or
/// the caller says otherwise, CRLF or LF, [sections], ';' and '#' comment lines, key=value with
/// spaces trimmed and one pair of matching quotes removed. Keys before the first section belong to
/// the section "". Duplicate keys keep every value; lookup returns the last one. Section and key
/// lookup ignores case.
/// </summary>
public sealed class IniFile
{
    public const int DefaultCodePage = 1250;
    public const long MaxLength = 16 * 1024 * 1024;

    private readonly Dictionary<string, Dictionary<string, List<string>>> _sections;

    private IniFile(IReadOnlyList<IniEntry> entries, IReadOnlyList<string> sections)
    {
        Entries = entries;
        Sections = sections;
        _sections = new(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sections) _sections.TryAdd(s, new(StringComparer.OrdinalIgnoreCase));
        foreach (var e in entries)
        {
            var keys = _sections[e.Section];
            if (!keys.TryGetValue(e.Key, out var values)) keys[e.Key] = values = [];
            values.Add(e.Value);
        }
    }

    /// <summary>Every key=value line in file order.</summary>
    public IReadOnlyList<IniEntry> Entries { get; }

    /// <summary>Section names in order of first appearance ("" first when keys precede any section).</summary>
    public IReadOnlyList<string> Sections { get; }

    public static Either<FileFault, IniFile> Load(string path, Encoding? encoding = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxLength)
                return new FileFault("ini.too-large", path, MaxLength, $"file of {stream.Length} bytes is larger than {MaxLength}");
            using var reader = new StreamReader(stream, encoding ?? TextEncodings.Get(DefaultCodePage),
                detectEncodingFromByteOrderMarks: true);
            return Parse(reader.ReadToEnd());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileFault("ini.unreadable", path, -1, e.Message);
        }
    }

    public static IniFile Parse(string text)
    {
        var entries = new List<IniEntry>();
        var sections = new List<string>();
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var section = "";
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (number == 1) line = line.TrimStart('\uFEFF');
            if (line.Length == 0 || line[0] is ';' or '#') continue;
            if (line[0] == '[')
            {
                var close = line.IndexOf(']');
                section = (close < 0 ? line[1..] : line[1..close]).Trim();
                if (seen.Add(section)) sections.Add(section);
                continue;
            }
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            if (seen.Add(section)) sections.Add(section);
            entries.Add(new IniEntry(section, line[..eq].Trim(), Unquote(line[(eq + 1)..].Trim()), number));
        }
        return new IniFile(entries, sections);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>The value of a key; when the key repeats, the last value wins.</summary>
    public Option<string> Get(string section, string key) =>
        _sections.TryGetValue(section, out var keys) && keys.TryGetValue(key, out var values)
            ? Some(values[^1])
            : None;

    /// <summary>Every value a key has in the section, in file order.</summary>
    public IReadOnlyList<string> GetAll(string section, string key) =>
        _sections.TryGetValue(section, out var keys) && keys.TryGetValue(key, out var values)
            ? values
            : [];

    /// <summary>Keys of a section in order of first appearance.</summary>
    public IReadOnlyList<string> Keys(string section) =>
        _sections.TryGetValue(section, out var keys) ? keys.Keys.ToArray() : [];
}
