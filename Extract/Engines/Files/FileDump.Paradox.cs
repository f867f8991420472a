using KonektoSync.Extract.Engines.Paradox;
using LanguageExt;

namespace KonektoSync.Extract.Engines.Files;

public static partial class FileDump
{
    /// <summary>
    /// Opens a Paradox table (.DB). <paramref name="encodingOverride"/> ("852", "cp1250",
    /// "windows-1250") replaces the code page the header declares; null keeps the header's.
    /// </summary>
    public static Either<FileFault, ITableFile> OpenParadox(string path, string? encodingOverride) =>
        ParadoxOptions.WithEncoding(path, encodingOverride)
            .Bind(options => ParadoxTable.Open(path, options))
            .Map(table => (ITableFile)table);
}
