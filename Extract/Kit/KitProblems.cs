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

    /// <summary>
    /// A planned year a firm's folder has no year folder for (a note, with its remedy). Args: program, year, the firm's folder.
    /// </summary>
    public static (Problem Note, string Remedy) YearMissing(string program, int year, string folder)
    {
        var y = year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        return (Problem.Of("program.year-missing",
                $"{program}: no data for {y}: the firm's folder {folder} has no folder {y}", program, y, folder),
            $"open the year {y} for this firm in {program} (it makes the folder {y} in {folder}), or correct the path setting; then update again");
    }
}
