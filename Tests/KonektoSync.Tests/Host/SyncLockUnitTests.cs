using KonektoSync.Host.Config;
using KonektoSync.Host.Worker;

namespace KonektoSync.Tests.Host;

/// <summary>The sync lock within one process: one holder at a time, free again when disposed.</summary>
public sealed class SyncLockUnitTests : IDisposable
{
    private readonly DataDir _dir = new(Directory.CreateTempSubdirectory("konektosync-lock-").FullName);

    public void Dispose() => Directory.Delete(_dir.Path, recursive: true);

    [Fact]
    public async Task A_held_lock_refuses_a_second_taker_naming_the_holder_and_is_free_after_dispose()
    {
        using (var first = SyncLock.TryTake(_dir, "service run", TimeProvider.System))
        {
            Assert.NotNull(first);
            Assert.True(SyncLock.IsHeld(_dir));
            var second = await SyncLock.Take(_dir, "sync", TimeProvider.System, TimeSpan.FromMilliseconds(300), CancellationToken.None);
            var problem = Assert.Single(second.LeftToSeq());
            Assert.Equal("sync.locked", problem.Code);
            Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Args[1]);
            Assert.Equal("service run", problem.Args[2]);
        }
        Assert.False(SyncLock.IsHeld(_dir));
        using var again = SyncLock.TryTake(_dir, "sync", TimeProvider.System);
        Assert.NotNull(again);
    }
}
