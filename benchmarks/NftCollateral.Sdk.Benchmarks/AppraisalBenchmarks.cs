using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Market;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// The CryptoPunks appraisal backtest: every sale from 2021-01-01 to 2022-01-14 (12,049 appraisals) appraised as of the
/// day before it, with a fresh appraiser each run so every hedonic refit is paid for. Target: under 30 s on 2 cores.
/// Also one appraisal with its breakdown, and the data set build (trait matrix, sales, floors).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AppraisalBenchmarks
{
    private TraitTable _traits = null!;
    private List<Sale> _sales = null!;
    private IReadOnlyList<DailyFloor> _floors = null!;
    private AppraisalDataset _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        string traitsPath = Development.SharedDirectory.Path("data", "cryptopunks-traits.json");
        _traits = TraitTable.Build(TraitsJson.Read(File.ReadAllBytes(traitsPath), traitsPath).Tokens);
        string salesPath = Development.SharedDirectory.Path("data", "cryptopunks-sales.csv");
        using (FileStream stream = File.OpenRead(salesPath))
        {
            _sales = SalesCsv.ReadAllAsync(stream, salesPath).GetAwaiter().GetResult();
        }

        string floorsPath = Development.SharedDirectory.Path("data", "cryptopunks-floor-onchain-daily.csv");
        using (FileStream stream = File.OpenRead(floorsPath))
        {
            _floors = FloorSeriesCsv.ReadAsync(stream, floorsPath).GetAwaiter().GetResult();
        }

        _data = AppraisalDataset.Create(_traits, _sales, _floors, "cryptopunks");
    }

    /// <summary>The whole 2021 backtest with the default daily refits (about 380 hedonic fits).</summary>
    [Benchmark]
    public BacktestReport Backtest2021_DailyRefits() =>
        AppraisalBacktest.Run(new TraitPremiumAppraiser(_data), _data, new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 14));

    /// <summary>The same with weekly refits (Mondays; about 55 fits).</summary>
    [Benchmark]
    public BacktestReport Backtest2021_WeeklyRefits() =>
        AppraisalBacktest.Run(new TraitPremiumAppraiser(_data, new TraitPremiumOptions { RefitIntervalDays = 7 }), _data, new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 14));

    /// <summary>One appraisal with its breakdown from a fresh appraiser (one hedonic fit included).</summary>
    [Benchmark]
    public TokenAppraisal AppraiseOne_ColdModel() => new TraitPremiumAppraiser(_data).Appraise("7804", new DateOnly(2021, 9, 15));

    /// <summary>Joining traits, sales and floors into the precomputed data set.</summary>
    [Benchmark]
    public AppraisalDataset BuildDataset() => AppraisalDataset.Create(_traits, _sales, _floors, "cryptopunks");
}
