using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

public sealed class FloorBatchTests
{
    private static void AssertBatchEqualsOneWindow(SaleSeries series, DateOnly first, DateOnly last, FloorOptions options)
    {
        DailyFloors daily = FloorEstimators.ComputeDaily(series, first, last, options);
        daily.DayCount.ShouldBe(last.DayNumber - first.DayNumber + 1);
        int nonEmpty = 0;
        for (int d = 0; d < daily.DayCount; d++)
        {
            var asOf = new DateTimeOffset(first.AddDays(d + 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (daily.VwapSampleCounts[d] == 0)
            {
                double.IsNaN(daily.Vwap[d]).ShouldBeTrue();
                double.IsNaN(daily.AdaptivePercentile[d]).ShouldBeTrue();
                Should.Throw<NoSalesInWindowException>(() => FloorEstimators.Vwap(series, asOf, options));
                continue;
            }

            nonEmpty++;
            FloorEstimate vwap = FloorEstimators.Vwap(series, asOf, options);
            FloorEstimate adaptive = FloorEstimators.AdaptivePercentile(series, asOf, options);
            daily.VwapSampleCounts[d].ShouldBe(vwap.SampleCount, $"day {d}");
            daily.AdaptiveSampleCounts[d].ShouldBe(adaptive.SampleCount, $"day {d}");
            ((decimal)daily.Vwap[d]).ShouldBe(vwap.Value, $"day {d}");
            ((decimal)daily.AdaptivePercentile[d]).ShouldBe(adaptive.Value, $"day {d}");
        }

        nonEmpty.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RealFile_EveryDay_BatchEqualsOneWindow()
    {
        SaleSeries series = SaleSeries.Create(await SalesCsvTests.LoadRealAsync());
        AssertBatchEqualsOneWindow(series, new DateOnly(2017, 6, 20), new DateOnly(2022, 1, 20), FloorOptions.Default);
        AssertBatchEqualsOneWindow(series, new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), new FloorOptions { Window = TimeSpan.FromDays(3), FilterPolicy = SaleFilterPolicy.IncludeAll, AdaptiveTradeCount = 20 });
    }

    [Fact]
    public void Synthetic_EveryDay_BatchEqualsOneWindow_AndHandComputedDay()
    {
        var random = new Random(11);
        var sales = new List<Sale>();
        for (int i = 0; i < 3000; i++)
        {
            sales.Add(FloorEstimatorTests.At(random.NextDouble() * 200, Math.Round((decimal)(5 + (random.NextDouble() * 5)), 3), $"{i}"));
        }

        SaleSeries series = SaleSeries.Create(sales);
        AssertBatchEqualsOneWindow(series, new DateOnly(2020, 12, 1), new DateOnly(2021, 8, 1), FloorOptions.Default);

        // VWAP on day 2021-02-15: mean of the sales in [2021-01-17, 2021-02-16), computed directly.
        var end = new DateTimeOffset(2021, 2, 16, 0, 0, 0, TimeSpan.Zero);
        decimal[] inWindow = sales.Where(s => s.Timestamp >= end.AddDays(-30) && s.Timestamp < end).Select(s => s.PriceEth).ToArray();
        DailyFloors daily = FloorEstimators.ComputeDaily(series, new DateOnly(2021, 2, 15), new DateOnly(2021, 2, 15));
        daily.VwapSampleCounts[0].ShouldBe(inWindow.Length);
        Math.Abs(daily.Vwap[0] - (double)(inWindow.Sum() / inWindow.Length)).ShouldBeLessThan(1e-9);
    }

    [Fact]
    public void Kernels_RejectUnsortedInputAndShortDestinations()
    {
        Should.Throw<ArgumentException>(() => FloorKernels.Vwap([2, 1], [1, 1], [5], 10, new double[1], new int[1]));
        Should.Throw<ArgumentException>(() => FloorKernels.Vwap([1, 2], [1, 1], [5, 6], 10, new double[1], new int[2]));
        Should.Throw<ArgumentOutOfRangeException>(() => FloorKernels.AdaptivePercentile([1], [0], [5], 10, 0, 3, 0.05, new double[1], new int[1]));
    }
}
