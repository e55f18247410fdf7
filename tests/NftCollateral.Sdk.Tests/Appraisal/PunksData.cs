using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Market;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Appraisal;

/// <summary>The shared CryptoPunks traits, sales and on-chain floors, loaded once (read in place from ../shared/data).</summary>
internal static class PunksData
{
    private static readonly Lazy<(TraitTable Traits, List<Sale> Sales, IReadOnlyList<DailyFloor> Floors)> Raw = new(Load);
    private static readonly Lazy<AppraisalDataset> Shared = new(() => Create(Raw.Value.Sales, Raw.Value.Floors));

    public static AppraisalDataset Dataset => Shared.Value;

    public static TraitTable Traits => Raw.Value.Traits;

    public static IReadOnlyList<Sale> Sales => Raw.Value.Sales;

    public static IReadOnlyList<DailyFloor> Floors => Raw.Value.Floors;

    public static AppraisalDataset Create(IEnumerable<Sale> sales, IEnumerable<DailyFloor> floors) =>
        AppraisalDataset.Create(Raw.Value.Traits, sales, floors, "cryptopunks");

    private static (TraitTable, List<Sale>, IReadOnlyList<DailyFloor>) Load()
    {
        TraitTable traits = TraitTable.Build(SharedData.LoadTraits("cryptopunks-traits.json").Tokens);
        List<Sale> sales;
        using (FileStream stream = File.OpenRead(SharedData.Path("data", "cryptopunks-sales.csv")))
        {
            sales = SalesCsv.ReadAllAsync(stream, "cryptopunks-sales.csv").GetAwaiter().GetResult();
        }

        IReadOnlyList<DailyFloor> floors;
        using (FileStream stream = File.OpenRead(SharedData.Path("data", "cryptopunks-floor-onchain-daily.csv")))
        {
            floors = FloorSeriesCsv.ReadAsync(stream, "cryptopunks-floor-onchain-daily.csv").GetAwaiter().GetResult();
        }

        return (traits, sales, floors);
    }
}
