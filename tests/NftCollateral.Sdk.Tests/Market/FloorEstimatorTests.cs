using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

public sealed class FloorEstimatorTests
{
    private static readonly DateTimeOffset Day0 = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static Sale At(double days, decimal price, string token = "1", string? buyer = null, string? seller = null) =>
        new("c", token, Day0.AddDays(days), price, null, null, null, null, TimestampPrecision.Second, null, buyer, seller);

    // 10 ETH at day 0, 20 at day 1, 40 at day 3.
    private static SaleSeries Small() => SaleSeries.Create([At(3, 40), At(0, 10), At(1, 20)]);

    private static void Near(decimal actual, double expected) =>
        Math.Abs((double)actual - expected).ShouldBeLessThan(1e-9 * Math.Max(1, Math.Abs(expected)), $"{actual} vs {expected}");

    [Fact]
    public void Twap_StepFunctionFromFirstSaleToAsOf()
    {
        // (10×1 day + 20×2 days + 40×1 day) / 4 days = 22.5
        FloorEstimate e = FloorEstimators.Twap(Small(), Day0.AddDays(4));
        Near(e.Value, 22.5);
        e.Method.ShouldBe(FloorMethod.Twap);
        e.SampleCount.ShouldBe(3);
        e.AsOf.ShouldBe(Day0.AddDays(4));
        e.Window.ShouldBe(TimeSpan.FromDays(30));
        e.Flags.ShouldBe(FloorNotes.None);
    }

    [Fact]
    public void Window_IsHalfOpen_SaleAtAsOfExcluded_StartIncluded()
    {
        // as of day 3: the 40 ETH sale at day 3 is not before as-of; (10×1 + 20×2) / 3 = 50/3
        Near(FloorEstimators.Twap(Small(), Day0.AddDays(3)).Value, 50.0 / 3);
        // window [day 1, day 4): 20 and 40 → VWAP 30
        var twoDays = new FloorOptions { Window = TimeSpan.FromDays(3) };
        FloorEstimate v = FloorEstimators.Vwap(Small(), Day0.AddDays(4), twoDays);
        Near(v.Value, 30);
        v.SampleCount.ShouldBe(2);
    }

    [Fact]
    public void Vwap_IsTheMeanPrice()
    {
        FloorEstimate e = FloorEstimators.Vwap(Small(), Day0.AddDays(4));
        Near(e.Value, 70.0 / 3);
        e.SampleCount.ShouldBe(3);
    }

    [Fact]
    public void Ema_WeightsHalveEveryHalfLifeBackFromTheLatestSale()
    {
        // half-life 1 day; weights from day 3: 2^-3, 2^-2, 1 → (1.25 + 5 + 40) / 1.375
        var options = new FloorOptions { EmaHalfLife = TimeSpan.FromDays(1) };
        Near(FloorEstimators.Ema(Small(), Day0.AddDays(4), options).Value, 46.25 / 1.375);
        // equal timestamps weigh the same: two sales at the same time → plain mean
        Near(FloorEstimators.Ema(SaleSeries.Create([At(1, 10), At(1, 30)]), Day0.AddDays(2)).Value, 20);
    }

    [Fact]
    public void Lower_TakesTheSmallerOfSpotAndTwap()
    {
        FloorEstimate below = FloorEstimators.Lower(Small(), Day0.AddDays(4), 15m);
        below.Value.ShouldBe(15m);
        below.Method.ShouldBe(FloorMethod.Lower);
        below.Flags.ShouldBe(FloorNotes.SpotBelowTwap);
        FloorEstimate above = FloorEstimators.Lower(Small(), Day0.AddDays(4), 25m);
        Near(above.Value, 22.5);
        above.Flags.ShouldBe(FloorNotes.None);
        Should.Throw<ArgumentException>(() => FloorEstimators.Estimate(FloorMethod.Lower, Small(), Day0.AddDays(4)));
        Should.Throw<ArgumentOutOfRangeException>(() => FloorEstimators.Lower(Small(), Day0.AddDays(4), 0m));
    }

    [Fact]
    public void AdaptivePercentile_DropsMadOutliersThenTakesTheQuantile()
    {
        // prices 2^k with k = 0,1,1,2,2,2,3,10 (one sale a day). log2: median 2, MAD 1, 3 MADs → k = 10 dropped.
        decimal[] prices = [1, 2, 2, 4, 4, 4, 8, 1024];
        SaleSeries series = SaleSeries.Create(prices.Select((p, i) => At(i, p, token: $"{i}")));
        DateTimeOffset asOf = Day0.AddDays(8);

        // kept k = 0,1,1,2,2,2,3; 5% quantile: h = 6 × 0.05 = 0.3 → k = 0.3 → 2^0.3
        FloorEstimate e = FloorEstimators.AdaptivePercentile(series, asOf);
        Near(e.Value, Math.Pow(2, 0.3));
        e.SampleCount.ShouldBe(8);
        e.Flags.ShouldBe(FloorNotes.OutliersDropped);

        // median quantile of the kept 7: k = 2 → 4 ETH
        Near(FloorEstimators.AdaptivePercentile(series, asOf, new FloorOptions { AdaptiveQuantile = 0.5 }).Value, 4);

        // last 4 trades only: k = 2,2,3,10; median 2.5, MAD 0.5, limit 1.5 → 10 dropped; 2,2,3 → 5% quantile k = 2 → 4 ETH
        FloorEstimate lastFour = FloorEstimators.AdaptivePercentile(series, asOf, new FloorOptions { AdaptiveTradeCount = 4 });
        Near(lastFour.Value, 4);
        lastFour.SampleCount.ShouldBe(4);

        // a huge MAD multiplier keeps everything: 5% of k = 0,1,1,2,2,2,3,10 → h = 0.35 → 2^0.35
        Near(FloorEstimators.AdaptivePercentile(series, asOf, new FloorOptions { AdaptiveMadMultiplier = 100 }).Value, Math.Pow(2, 0.35));
    }

    [Fact]
    public void EmptyWindow_IsATypedError_NotZero()
    {
        foreach (FloorMethod method in Enum.GetValues<FloorMethod>().Where(m => m != FloorMethod.Spot))
        {
            var ex = Should.Throw<NoSalesInWindowException>(() => FloorEstimators.Estimate(method, Small(), Day0, spotEth: 1m));
            ex.AsOf.ShouldBe(Day0);
        }

        // Spot is an ask, not something sales can estimate: a clear argument error, not a number.
        Should.Throw<ArgumentException>(() => FloorEstimators.Estimate(FloorMethod.Spot, Small(), Day0.AddDays(4))).ParamName.ShouldBe("method");

        Should.Throw<NoSalesInWindowException>(() => FloorEstimators.Vwap(Small(), Day0.AddDays(100)));
    }

    [Fact]
    public void ChangeCap_ClampsAgainstThePreviousWindowAndFlags()
    {
        FloorEstimate current = FloorEstimators.Twap(Small(), Day0.AddDays(4)); // 22.5
        FloorEstimate up = FloorEstimators.ApplyChangeCap(current, 20m, 0.10m);
        up.Value.ShouldBe(22.0m);
        up.Flags.ShouldBe(FloorNotes.ChangeCapped);
        FloorEstimate down = FloorEstimators.ApplyChangeCap(current, 25m, 0.05m);
        down.Value.ShouldBe(23.75m);
        down.Flags.ShouldBe(FloorNotes.ChangeCapped);
        FloorEstimate inside = FloorEstimators.ApplyChangeCap(current, 22m, 0.05m);
        inside.ShouldBeSameAs(current);

        double[] floors = [10, 20, double.NaN, 9, 10];
        var capped = new double[5];
        var flags = new bool[5];
        FloorKernels.CapChanges(floors, 0.25, capped, flags).ShouldBe(2);
        capped[0].ShouldBe(10);
        capped[1].ShouldBe(12.5);
        double.IsNaN(capped[2]).ShouldBeTrue();
        capped[3].ShouldBe(9.375);
        capped[4].ShouldBe(10);
        flags.ShouldBe([false, true, false, true, false]);
    }

    [Fact]
    public void FilterPolicy_ExcludesFlaggedSalesByDefault()
    {
        // five sales at 10, then 1 ETH (below 0.2 × 10) → flagged and excluded
        SaleSeries series = SaleSeries.Create([At(0, 10), At(1, 10), At(2, 10), At(3, 10), At(4, 10), At(5, 1)]);
        FloorEstimate excluded = FloorEstimators.Vwap(series, Day0.AddDays(6));
        Near(excluded.Value, 10);
        excluded.SampleCount.ShouldBe(5);
        excluded.ExcludedSampleCount.ShouldBe(1);
        excluded.Flags.ShouldBe(FloorNotes.FlaggedSalesExcluded);
        FloorEstimate all = FloorEstimators.Vwap(series, Day0.AddDays(6), new FloorOptions { FilterPolicy = SaleFilterPolicy.IncludeAll });
        Near(all.Value, 51.0 / 6);
        all.SampleCount.ShouldBe(6);
    }
}
