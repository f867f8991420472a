using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.MalaKsiegowoscRp;

/// <summary>
/// Writes a Mała Księgowość RP sample in our model: the data folder holding a folder per firm (F001,
/// F002, …) with DANEFIR, DEKLAR (VAT-7, PIT-5 per month) and ZUSDRA (the owner's ZUS) for every year
/// of the spec, in CP1250 with a language driver byte of 0 (as the program's own files: the code page
/// comes from the connector's setting).
/// </summary>
public sealed class MalaKsiegowoscRpSampleWriter : ISampleWriter
{
    public ProgramId Program => ProgramId.MalaKsiegowoscRp;

    public static string Key(int index) => $"F{index + 1:D3}";

    public Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var profile = ProfileSource.Of(Program).Load(Program, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var cases = new List<SampleCaseInfo>();
        var firms = ModelTables.Firms(spec, 83, Key, cases);
        var missing = spec.Cases.HasFlag(SampleCases.MissingDeclaration);
        if (missing) cases.Add(new(SampleCases.MissingDeclaration, firms[0].Key, spec.Year, 3, "no PIT-5 for March"));
        var files = new List<string>();
        long rows = 0;
        foreach (var f in firms)
        {
            cancel.ThrowIfCancellationRequested();
            rows += ModelTables.Write(profile, Path.Combine(folder, f.Key), f, Enumerable.Range(spec.Year, Math.Max(1, spec.Years)),
                () => new DbfSampleFile(SampleEncodings.Get(1250), 0), missing && f == firms[0], files);
        }
        return Task.FromResult(new SampleInfo(Program, folder, files,
            firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), cases, rows));
    }
}
