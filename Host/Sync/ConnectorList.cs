using KonektoSync.Extract;

namespace KonektoSync.Host.Sync;

/// <summary>The connectors compiled into this build.</summary>
internal static class ConnectorList
{
    public static void AddTo(List<IProgramConnector> list)
    {
    }
}
