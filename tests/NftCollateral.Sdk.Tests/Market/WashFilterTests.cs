using NftCollateral.Sdk.Market;
using static NftCollateral.Sdk.Tests.Market.FloorEstimatorTests;

namespace NftCollateral.Sdk.Tests.Market;

public sealed class WashFilterTests
{
    [Fact]
    public async Task LowPriceRule_AgreesWithTheFilesSuspectColumnOnEveryRow()
    {
        List<Sale> sales = await SalesCsvTests.LoadRealAsync();
        SaleSeries series = SaleSeries.Create(sales);

        int agree = 0;
        int flagged = 0;
        int notEvaluated = 0;
        for (int i = 0; i < series.Count; i++)
        {
            SaleSuspicion flags = series.Flags[i];
            bool? ours = (flags & SaleSuspicion.ShortHistory) != 0 ? null : (flags & SaleSuspicion.LowPrice) != 0;
            agree += ours == series.Sales[i].SuspectLowPrice ? 1 : 0;
            flagged += (flags & SaleSuspicion.LowPrice) != 0 ? 1 : 0;
            notEvaluated += (flags & SaleSuspicion.ShortHistory) != 0 ? 1 : 0;
        }

        // SOURCES.md §1: 50 rows flagged, 5 early rows (fewer than 5 prior sales) not evaluated.
        agree.ShouldBe(18_186);
        flagged.ShouldBe(50);
        notEvaluated.ShouldBe(5);
        series.FlaggedCount.ShouldBe(50);
    }

    [Fact]
    public void LowPrice_StrictlyBelowPointTwoOfThePrior30DayMedian()
    {
        SaleSeries series = SaleSeries.Create(
        [
            At(0, 10), At(1, 10), At(2, 10), At(3, 10),
            At(3.5, 1.9m),  // only 4 prior sales: not evaluated
            At(4, 10),
            At(5, 1.9m),    // prior 0,1,2,3,3.5,4 → sorted 1.9,10,10,10,10,10 → median 10; 1.9 < 2 → flagged
            At(6, 2.0m),    // median 10; 2.0 is not below 2.0
            At(50, 0.1m),   // 30-day window holds no sale: not evaluated
        ]);

        series.Flags[4].ShouldBe(SaleSuspicion.ShortHistory);
        double.IsNaN(series.GetReferenceMedian(4)).ShouldBeTrue();
        series.Flags[6].ShouldBe(SaleSuspicion.LowPrice);
        series.GetReferenceMedian(6).ShouldBe(10);
        series.DescribeFlags(6)!.ShouldContain("below 0.2");
        series.Flags[7].ShouldBe(SaleSuspicion.None);
        series.DescribeFlags(7).ShouldBeNull();
        series.Flags[8].ShouldBe(SaleSuspicion.ShortHistory);
    }

    [Fact]
    public void LowPrice_MedianOfEvenCountIsTheMeanOfTheMiddleTwo()
    {
        // prior prices 1,1,9,9,9,1 → median (1 + 9)/2 = 5 → 0.99 < 1.0 flagged, 1.0 not
        SaleSeries series = SaleSeries.Create([At(0, 1), At(1, 1), At(2, 9), At(3, 9), At(4, 9), At(5, 1), At(6, 0.99m)]);
        series.GetReferenceMedian(6).ShouldBe(5);
        series.Flags[6].ShouldBe(SaleSuspicion.LowPrice);
    }

    [Fact]
    public void SelfTrade_FlaggedWithReason_AndExcluded()
    {
        SaleSeries series = SaleSeries.Create([At(0, 10, "1", "0xa", "0xb"), At(1, 10, "2", "0xa", "0xa"), At(2, 30, "3", "0xc", "0xd")]);
        series.Flags[0].ShouldBe(SaleSuspicion.ShortHistory);
        (series.Flags[1] & SaleSuspicion.SelfTrade).ShouldBe(SaleSuspicion.SelfTrade);
        series.DescribeFlags(1)!.ShouldContain("self-trade");
        FloorEstimators.Vwap(series, FloorEstimatorTests.At(3, 1).Timestamp).Value.ShouldBe(20m);
    }

    [Fact]
    public void RoundTrip_SameTokenBackAndForthWithinTheWindow()
    {
        Sale[] sales =
        [
            At(0, 10, "7", buyer: "0xb", seller: "0xa"),   // A → B
            At(10, 10, "7", buyer: "0xa", seller: "0xb"),  // B → A: a round trip
            At(1, 10, "8", buyer: "0xb", seller: "0xa"),   // token 8 A → B
            At(2, 10, "9", buyer: "0xa", seller: "0xb"),   // token 9 B → A: different token, no round trip
            At(20, 10, "8", buyer: "0xc", seller: "0xb"),  // B → C: not back to A
        ];
        SaleSeries series = SaleSeries.Create(sales);
        var byToken = Enumerable.Range(0, series.Count).ToLookup(i => series.Sales[i].TokenId, i => series.Flags[i] & SaleSuspicion.RoundTrip);
        byToken["7"].ShouldAllBe(f => f == SaleSuspicion.RoundTrip);
        byToken["8"].ShouldAllBe(f => f == SaleSuspicion.None);
        byToken["9"].ShouldAllBe(f => f == SaleSuspicion.None);
        series.DescribeFlags(series.Sales.ToList().FindIndex(s => s.TokenId == "7"))!.ShouldContain("round trip of token 7");

        SaleSeries shortWindow = SaleSeries.Create(sales, new WashFilterOptions { RoundTripWindow = TimeSpan.FromDays(5) });
        for (int i = 0; i < shortWindow.Count; i++)
        {
            (shortWindow.Flags[i] & SaleSuspicion.RoundTrip).ShouldBe(SaleSuspicion.None);
        }
    }

    [Fact]
    public void NoAddresses_NoAddressRules()
    {
        SaleSeries series = SaleSeries.Create([At(0, 10, "7"), At(1, 10, "7")]);
        series.Flags[1].ShouldBe(SaleSuspicion.ShortHistory);
    }
}
