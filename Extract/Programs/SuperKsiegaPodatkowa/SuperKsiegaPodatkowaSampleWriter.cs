using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Samples;

namespace KonektoSync.Extract.Programs.SuperKsiegaPodatkowa;

/// <summary>
/// Writes a Super Księga Podatkowa sample in our model: the year's folder holding a folder per firm
/// (Pierwszy, Firma02, …) with FIRMA, DEKLARAC (VAT-7, PIT-5 per month) and SKLADKI (the owner's ZUS)
/// in CP1250. A spec of several years writes one year folder each, named by the year, under the folder.
/// </summary>
public sealed class SuperKsiegaPodatkowaSampleWriter : ISampleWriter
{
    public ProgramId Program => ProgramId.SuperKsiegaPodatkowa;

    public static string Key(int index) => index == 0 ? "Pierwszy" : $"Firma{index + 1:D2}";

    public Task<SampleInfo> Write(string folder, SampleSpec spec, CancellationToken cancel)
    {
        var profile = ProfileSource.Of(Program).Load(Program, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
        var cases = new List<SampleCaseInfo>();
        var firms = ModelTables.Firms(spec, 71, Key, cases);
        if (spec.Cases.HasFlag(SampleCases.MissingDeclaration))
            cases.Add(new(SampleCases.MissingDeclaration, firms[0].Key, spec.Year, 3, "no PIT-5 for March"));
        var files = new List<string>();
        long rows = 0;
        var years = Math.Max(1, spec.Years);
        for (var y = spec.Year; y < spec.Year + years; y++)
        {
            var yearFolder = years == 1 ? folder : Path.Combine(folder, y.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var f in firms)
            {
                cancel.ThrowIfCancellationRequested();
                rows += ModelTables.Write(profile, Path.Combine(yearFolder, f.Key), f, [y], DbfSampleFile.Cp1250,
                    spec.Cases.HasFlag(SampleCases.MissingDeclaration) && f == firms[0] && y == spec.Year, files);
            }
        }
        return Task.FromResult(new SampleInfo(Program, folder, files,
            firms.Select(f => new SampleFirmInfo(f.Key, f.Nip, f.Name)).ToList(), cases, rows));
    }
}
