using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;

namespace KonektoSync.Extract.Kit;

/// <summary>The problems the driver and the query builder give (texts: the neutral source.* and program.* codes).</summary>
public static class KitProblems
{
    /// <summary>
    /// What a live source lacks of the profile's required tables and columns (programs check), each
    /// as "table T missing" or "column T.C missing". Args: program, where, the list.
    /// </summary>
    public static Problem ProfileMismatch(string program, string where, IEnumerable<string> lacks)
    {
        var list = string.Join("; ", lacks);
        return Problem.Of("program.check",
            $"{program}: {where}: {list}: program version older than supported: update {program}, or name them in a profile override",
            program, where, list);
    }

    /// <summary>The configured data folder of a layout whose firms are the files found in it does not exist.</summary>
    public static Problem FolderMissing(string program, string folder) =>
        Problem.Of("program.folder-missing",
            $"{program}: the data folder {folder} does not exist: check the program's path setting", program, folder);
}
