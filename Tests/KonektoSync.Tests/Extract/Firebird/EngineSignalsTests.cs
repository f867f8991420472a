using KonektoSync.Extract.Engines.Firebird;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>
/// Ctrl+C and SIGTERM belong to the process's orderly stop: the embedded engine's own shutdown on a
/// signal (what its client library starts from its signal handler) is refused, so a read in
/// progress keeps its attachment until the sync's cancellation ends it.
/// </summary>
[Collection("Firebird")]
public sealed class EngineSignalsTests(FirebirdFixture fb)
{
    [Fact]
    public async Task The_embedded_engine_refuses_a_shutdown_for_a_signal_and_an_open_session_goes_on_reading()
    {
        var target = FirebirdTarget.Embedded();
        await using var session = Right(await FirebirdSession.Open("Raks", target, Path.Combine(fb.RaksFolder, "Raks3000.fdb"), CancellationToken.None));
        var before = Right(await session.List("SELECT SHORTNAME FROM AD_FIRMS", [], r => r.GetString(0).Trim(), CancellationToken.None));

        var refused = EngineSignals.ShutdownForSignal(target.ClientLibrary);
        var after = Right(await session.List("SELECT SHORTNAME FROM AD_FIRMS", [], r => r.GetString(0).Trim(), CancellationToken.None));

        Assert.NotEqual(0, refused);
        Assert.True(EngineSignals.KeepSignalsToProcess(target.ClientLibrary));
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
    }
}
