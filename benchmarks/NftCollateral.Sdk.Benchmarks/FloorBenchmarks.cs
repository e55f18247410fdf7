using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// The 30-day VWAP and the adaptive-percentile floor (last 140 trades, 3 MADs, 5% quantile) for every day of a sale
/// series in one batch. Target: under 20 ms for 100,000 sales. Also the real CryptoPunks file (18,186 sales).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FloorBenchmarks
{
    private SaleSeries _synthetic = null!;
    private SaleSeries _punks = null!;
    private DateOnly _syntheticFirst;
    private DateOnly _syntheticLast;
    private DateOnly _punksFirst;
    private DateOnly _punksLast;

    [GlobalSetup]
    public void Setup()
    {
        // 100,000 sales over 1,000 days (about 100 a day), log-normal prices around a drifting floor; fixed seed.
        var random = new Random(20240601);
        var start = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var sales = new Sale[100_000];
        for (int i = 0; i < sales.Length; i++)
        {
            double day = random.NextDouble() * 1000;
            double floor = 50 + (30 * Math.Sin(day / 90));
            double price = floor * Math.Exp(Math.Abs(random.NextDouble() + random.NextDouble() - 1) * 1.5);
            sales[i] = new Sale("synthetic", (i % 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture), start.AddDays(day), Math.Round((decimal)price, 4), null, null, null, null, TimestampPrecision.Second, null);
        }

        _synthetic = SaleSeries.Create(sales);
        _syntheticFirst = DateOnly.FromDateTime(_synthetic.Sales[0].Timestamp.UtcDateTime);
        _syntheticLast = DateOnly.FromDateTime(_synthetic.Sales[^1].Timestamp.UtcDateTime);

        string path = Development.SharedDirectory.Path("data", "cryptopunks-sales.csv");
        using FileStream stream = File.OpenRead(path);
        _punks = SaleSeries.Create(SalesCsv.ReadAllAsync(stream, path).GetAwaiter().GetResult());
        _punksFirst = DateOnly.FromDateTime(_punks.Sales[0].Timestamp.UtcDateTime);
        _punksLast = DateOnly.FromDateTime(_punks.Sales[^1].Timestamp.UtcDateTime);
    }

    /// <summary>VWAP + adaptive percentile for every day of the 100,000-sale series (about 1,000 days).</summary>
    [Benchmark]
    public DailyFloors Synthetic100k_DailyVwapAndAdaptive() => FloorEstimators.ComputeDaily(_synthetic, _syntheticFirst, _syntheticLast);

    /// <summary>VWAP + adaptive percentile for every day of the CryptoPunks file (about 1,666 days).</summary>
    [Benchmark]
    public DailyFloors CryptoPunks_DailyVwapAndAdaptive() => FloorEstimators.ComputeDaily(_punks, _punksFirst, _punksLast);

    /// <summary>One window with the one-window API, for comparison.</summary>
    [Benchmark]
    public FloorEstimate Synthetic100k_OneAdaptiveWindow() => FloorEstimators.AdaptivePercentile(_synthetic, _synthetic.Sales[^1].Timestamp);
}
