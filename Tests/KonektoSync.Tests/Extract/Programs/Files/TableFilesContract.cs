using KonektoSync.Extract;
using KonektoSync.Extract.Kit;
using KonektoSync.Tests.Extract.Firebird;
using KonektoSync.Tests.Extract.Kit;

namespace KonektoSync.Tests.Extract.Programs.Files;

/// <summary>
/// The connector contract for a program of table files: a copy is a copied folder; "DDL" is done
/// on the files themselves (a table dropped is its files deleted, a column dropped or renamed is
/// rewritten in every file of that table). Table names are the ones the profile gives.
/// </summary>
public abstract class TableFilesContract(FirebirdFixture fb) : ConnectorContract(fb)
{
    protected override string Mode => "embedded";
    protected override string? RightPassword => null; // table files have no password

    /// <summary>Where copies are made (a folder the test class owns).</summary>
    protected abstract string Scratch { get; }

    /// <summary>The files of table <paramref name="table"/> anywhere under <paramref name="copy"/>.</summary>
    protected abstract IEnumerable<string> FilesOf(string copy, string table);

    protected override ProgramConfig Config(string folder, string? password = FirebirdFixture.Password, string? profileDir = null)
    {
        var values = new Dictionary<string, string> { ["path"] = folder };
        if (profileDir is not null) values["profileDir"] = profileDir;
        return new ProgramConfig(Connector(DetectPlaces.None).Program, values, password is null ? null : new Secret(password));
    }

    protected override async Task<string> Copy(string name)
    {
        var (folder, _) = await Sample();
        var target = Path.Combine(Scratch, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        CopyTree(folder, target);
        return target;
    }

    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from)) CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
    }

    protected override string DropColumn(string table, string column) => $"DROP COLUMN {table}.{column}";
    protected override string RenameColumn(string table, string column, string to) => $"RENAME COLUMN {table}.{column} TO {to}";

    protected override Task Alter(string copy, string file, string sql)
    {
        var words = sql.Split(' ');
        var table = words[0] == "DROP" && words[1] == "TABLE" ? words[2] : words[2].Split('.')[0];
        var files = FilesOf(copy, table).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            if (words[1] == "TABLE") File.Delete(f);
            else if (words[0] == "DROP") DropColumnIn(f, words[2].Split('.')[1]);
            else RenameColumnIn(f, words[2].Split('.')[1], words[4]);
        }
        return Task.CompletedTask;
    }

    /// <summary>Drops a column from one table file (DBF by default).</summary>
    protected virtual void DropColumnIn(string file, string column) => DbfEdit.DropColumn(file, column);

    /// <summary>Renames a column of one table file (DBF by default).</summary>
    protected virtual void RenameColumnIn(string file, string column, string to) => DbfEdit.RenameColumn(file, column, to);
}
