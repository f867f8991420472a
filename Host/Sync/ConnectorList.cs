using KonektoSync.Extract.Programs.Buchalter;
using KonektoSync.Extract.Programs.Enova365;
using KonektoSync.Extract.Programs.Fakt;
using KonektoSync.Extract.Programs.Finka;
using KonektoSync.Extract.Programs.InsertGt;
using KonektoSync.Extract.Programs.InsertNexo;
using KonektoSync.Extract.Programs.Kpr;
using KonektoSync.Extract.Programs.MalaKsiegowoscRp;
using KonektoSync.Extract.Programs.Ognik;
using KonektoSync.Extract.Programs.Optima;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Extract.Programs.Raks;
using KonektoSync.Extract.Programs.Ramzes;
using KonektoSync.Extract.Programs.Reset2Firma;
using KonektoSync.Extract.Programs.Reset2Ksiega;
using KonektoSync.Extract.Programs.Reset2Platnik;
using KonektoSync.Extract.Programs.StreamSoftPcBiznes;
using KonektoSync.Extract.Programs.SuperKsiegaPodatkowa;
using KonektoSync.Extract.Programs.SymfoniaMk;
using KonektoSync.Extract.Programs.WaproFakir;
using KonektoSync.Extract.Programs.WaproKaper;
using KonektoSync.Extract;

namespace KonektoSync.Host.Sync;

/// <summary>The connectors compiled into this build.</summary>
internal static class ConnectorList
{
    public static void AddTo(List<IProgramConnector> list)
    {
        list.Add(RaksProgram.Connector());
        list.Add(FaktProgram.Connector());
        list.Add(OptimaProgram.Connector());
        list.Add(Enova365Program.Connector());
        list.Add(InsertNexoProgram.Connector());
        list.Add(PlatnikProgram.Connector());
        list.Add(BuchalterProgram.Connector());
        list.Add(SuperKsiegaPodatkowaProgram.Connector());
        list.Add(MalaKsiegowoscRpProgram.Connector());
        list.Add(KprProgram.Connector());
        list.Add(WaproFakirProgram.Connector());
        list.Add(WaproKaperProgram.Connector());
        list.Add(Reset2FirmaProgram.Connector());
        list.Add(Reset2KsiegaProgram.Connector());
        list.Add(Reset2PlatnikProgram.Connector());
        list.Add(InsertGtProgram.Connector());
        list.Add(OgnikProgram.Connector());
        list.Add(FinkaProgram.KprConnector());
        list.Add(FinkaProgram.FkConnector());
        list.Add(FinkaProgram.PlaceConnector());
        list.Add(StreamSoftPcBiznesProgram.Connector());
        list.Add(RamzesProgram.Connector());
        list.Add(SymfoniaMkProgram.Connector());
    }
}
