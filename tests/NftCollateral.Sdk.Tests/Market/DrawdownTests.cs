using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

/// <summary><see cref="Drawdowns"/> on small hand-computed series: definitions, period edges, gaps, outliers, errors.</summary>
public sealed class DrawdownTests
{
    private static readonly DateOnly Jan1 = new(2024, 1, 1);

    // 01-01 .. 01-08
    private static readonly decimal[] Path = [10m, 12m, 9m, 11m, 6m, 8m, 15m, 12m];

    private static DateOnly Day(int day) => new(2024, 1, day);

    private static FloorSeries Daily(params decimal[] values) =>
        FloorSeries.FromValues("test", FloorCurrency.Eth, Enumerable.Range(0, values.Length).Select(i => Jan1.AddDays(i)).ToArray(), values);

    private static FloorSeries FromCsv(string text)
    {
        using var reader = new StringReader(text);
        return FloorSeries.Create("c", FloorSeriesCsv.Read(reader, "t.csv"));
    }

    [Theory]
    [InlineData(1, 4, 5, 5.0 / 11)] // 11 → 6
    [InlineData(2, 4, 5, 5.0 / 11)] // 12 → 9 (25%) is less than 11 → 6
    [InlineData(3, 2, 5, 0.5)] // 12 → 6 within 3 days
    [InlineData(30, 2, 5, 0.5)]
    public void MaxDrawdown_Window_TroughWithinHDaysOfPeak(int window, int peakDay, int troughDay, double fraction)
    {
        Drawdown d = Drawdowns.MaxDrawdown(Daily(Path), Day(1), Day(8), window);

        d.PeakDate.ShouldBe(Day(peakDay));
        d.TroughDate.ShouldBe(Day(troughDay));
        d.Fraction.ShouldBe(fraction, 1e-15);
        d.PeakValue.ShouldBe(Path[peakDay - 1]);
        d.TroughValue.ShouldBe(Path[troughDay - 1]);
    }

    [Fact]
    public void MaxDrawdown_PeakInPeriod_TroughMayFollowThePeriodEnd()
    {
        Drawdown d = Drawdowns.MaxDrawdown(Daily(Path), Day(4), Day(4), 1);

        d.PeakDate.ShouldBe(Day(4));
        d.TroughDate.ShouldBe(Day(5)); // after the period: the peak day alone must be inside
        d.Fraction.ShouldBe(5.0 / 11, 1e-15);
    }

    [Fact]
    public void MaxDrawdown_PeaksBeforeThePeriod_DoNotCount()
    {
        // Peaks 01-05..01-08 only: 15 → 12 = 20%; the 12 → 6 fall (peak 01-02) is outside.
        Drawdown d = Drawdowns.MaxDrawdown(Daily(Path), Day(5), Day(8), 7);

        d.PeakDate.ShouldBe(Day(7));
        d.Fraction.ShouldBe(0.2, 1e-15);
    }

    [Fact]
    public void MaxDrawdown_NoWindow_TroughMustBeInsideThePeriod()
    {
        Drawdowns.MaxDrawdown(Daily(Path), Day(1), Day(8)).Fraction.ShouldBe(0.5, 1e-15);
        // Period 01-01..01-03: 12 → 9 = 25%, not the 12 → 6 fall on 01-05.
        Drawdown inside = Drawdowns.MaxDrawdown(Daily(Path), Day(1), Day(3));
        inside.Fraction.ShouldBe(0.25, 1e-15);
        inside.TroughDate.ShouldBe(Day(3));
    }

    [Fact]
    public void MaxDrawdown_RisingSeries_ZeroWithTroughOnPeak()
    {
        Drawdown d = Drawdowns.MaxDrawdown(Daily(1m, 2m, 3m), Day(1), Day(3), 7);

        d.Fraction.ShouldBe(0);
        d.PeakDate.ShouldBe(Day(1));
        d.TroughDate.ShouldBe(Day(1));
    }

    [Fact]
    public void MaxDrawdown_Gaps_ForwardFilledAsCalendarDays()
    {
        // 01-01 10, (01-02 filled 10), 01-03 5: with a 1-day window the fall is from the filled 01-02.
        FloorSeries gappy = FloorSeries.FromValues("g", FloorCurrency.Eth, [Day(1), Day(3)], [10m, 5m]);

        Drawdown d = Drawdowns.MaxDrawdown(gappy, Day(1), Day(3), 1);

        d.PeakDate.ShouldBe(Day(2));
        d.TroughDate.ShouldBe(Day(3));
        d.Fraction.ShouldBe(0.5, 1e-15);
    }

    [Fact]
    public void WorstReturn_StartInPeriod_EndMayFollow()
    {
        PriceMove all = Drawdowns.WorstReturn(Daily(Path), Day(1), Day(8), 2);
        all.StartDate.ShouldBe(Day(3)); // 9 → 6
        all.EndDate.ShouldBe(Day(5));
        all.Return.ShouldBe(-1.0 / 3, 1e-15);

        PriceMove late = Drawdowns.WorstReturn(Daily(Path), Day(5), Day(8), 2);
        late.StartDate.ShouldBe(Day(6)); // starts 01-05 (+150%) and 01-06 (+50%); 01-07 has no 01-09
        late.Return.ShouldBe(0.5, 1e-15);
        late.EndValue.ShouldBe(12m);
    }

    [Fact]
    public void DailyVolatility_SampleStandardDeviationOfLogReturns()
    {
        // ln returns ln2, −ln2, ln2: mean ln2/3, squared deviations 24/9 ln²2, divisor n − 1 = 2.
        VolatilityEstimate v = Drawdowns.DailyVolatility(Daily(1m, 2m, 1m, 2m), Day(1), Day(4));

        v.ReturnCount.ShouldBe(3);
        v.Daily.ShouldBe(2 * Math.Log(2) / Math.Sqrt(3), 1e-15);
        v.Annualised.ShouldBe(v.Daily * Math.Sqrt(365), 1e-15);
    }

    [Fact]
    public void DailyVolatility_ReturnIntoFirstDayOfPeriodCounts()
    {
        // Period 01-02..01-04 still has 3 returns (01-01 → 01-02 ends in the period).
        Drawdowns.DailyVolatility(Daily(1m, 2m, 1m, 2m), Day(2), Day(4)).ReturnCount.ShouldBe(3);

        // Period 01-03..01-04: −ln2, ln2 → mean 0, σ = √(2 ln²2 / 1).
        VolatilityEstimate two = Drawdowns.DailyVolatility(Daily(1m, 2m, 1m, 2m), Day(3), Day(4));
        two.ReturnCount.ShouldBe(2);
        two.Daily.ShouldBe(Math.Log(2) * Math.Sqrt(2), 1e-15);
    }

    [Fact]
    public void FallFrom_ReferenceDayToLowestInPeriod()
    {
        Drawdown d = Drawdowns.FallFrom(Daily(Path), Day(2), Day(3), Day(8));

        d.PeakDate.ShouldBe(Day(2));
        d.PeakValue.ShouldBe(12m);
        d.TroughDate.ShouldBe(Day(5));
        d.Fraction.ShouldBe(0.5, 1e-15);
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.FallFrom(Daily(Path), Day(20), Day(3), Day(8)));
    }

    [Fact]
    public void Prepare_DropsOutliersFillsThenConvertsWithEachDaysClose()
    {
        FloorSeries raw = FromCsv("collection,date,floor_eth,suspect_outlier\nc,2024-01-01,2,0\nc,2024-01-02,1,1\nc,2024-01-03,3,0\n");
        var ethUsd = new EthUsdSeries([new EthUsdClose(Day(1), 100m), new EthUsdClose(Day(2), 50m), new EthUsdClose(Day(3), 200m)]);

        FloorSeries excluded = Drawdowns.Prepare(raw, new DrawdownOptions { Currency = FloorCurrency.Usd, EthUsd = ethUsd });
        FloorSeries kept = Drawdowns.Prepare(raw, new DrawdownOptions { Currency = FloorCurrency.Usd, EthUsd = ethUsd, SuspectOutliers = SuspectOutlierHandling.Keep });

        excluded.Values.ToArray().ShouldBe([200m, 100m, 600m]); // 01-02 = filled 2 ETH × $50
        kept.Values.ToArray().ShouldBe([200m, 50m, 600m]);
        Drawdowns.Prepare(raw).Values.ToArray().ShouldBe([2m, 2m, 3m]);
    }

    [Fact]
    public void Prepare_EthUsdMissingADay_ErrorNamesTheDate()
    {
        FloorSeries raw = FromCsv("collection,date,floor_eth\nc,2024-01-01,2\nc,2024-01-03,3\n");
        var ethUsd = new EthUsdSeries([new EthUsdClose(Day(1), 100m), new EthUsdClose(Day(3), 200m)]);

        // The floor's filled day 01-02 needs its own close: an error, not a silent skip.
        Should.Throw<CollectionDataException>(() => Drawdowns.Prepare(raw, new DrawdownOptions { Currency = FloorCurrency.Usd, EthUsd = ethUsd }))
            .Message.ShouldContain("2024-01-02");
    }

    [Fact]
    public void Prepare_UsdWithoutCloses_ArgumentException()
    {
        Should.Throw<ArgumentException>(() => Drawdowns.Prepare(Daily(1m, 2m), new DrawdownOptions { Currency = FloorCurrency.Usd }));
    }

    [Fact]
    public void Prepare_EveryRowAnOutlier_InsufficientHistory()
    {
        FloorSeries raw = FromCsv("collection,date,floor_eth,suspect_outlier\nc,2024-01-01,2,1\n");

        Should.Throw<InsufficientHistoryException>(() => Drawdowns.Prepare(raw));
    }

    [Fact]
    public void EmptySeries_EveryStatisticThrowsTypedError()
    {
        FloorSeries empty = FloorSeries.FromValues("e", FloorCurrency.Eth, [], []);

        Should.Throw<InsufficientHistoryException>(() => Drawdowns.MaxDrawdown(empty, Day(1), Day(31), 7));
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.MaxDrawdown(empty, Day(1), Day(31)));
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.WorstReturn(empty, Day(1), Day(31), 7));
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.DailyVolatility(empty, Day(1), Day(31)));
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.Analyze(empty, Day(1), Day(31), 7));
    }

    [Fact]
    public void TooShortSeries_TypedErrorNotZero()
    {
        FloorSeries one = Daily(5m);
        FloorSeries two = Daily(5m, 4m);

        Should.Throw<InsufficientHistoryException>(() => Drawdowns.MaxDrawdown(one, Day(1), Day(1), 7)).Message.ShouldContain("test (Eth) 2024-01-01..2024-01-01");
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.DailyVolatility(two, Day(1), Day(2))); // 1 return
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.WorstReturn(two, Day(1), Day(2), 2)); // no day 2 days later
        Drawdowns.WorstReturn(two, Day(1), Day(2), 1).Return.ShouldBe(-0.2, 1e-15);
    }

    [Fact]
    public void PeriodOutsideSeries_TypedError()
    {
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.MaxDrawdown(Daily(Path), new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), 7));
        // Last day only, no window: no later day inside the period.
        Should.Throw<InsufficientHistoryException>(() => Drawdowns.MaxDrawdown(Daily(Path), Day(8), Day(31)));
    }

    [Fact]
    public void BadArguments_ArgumentExceptions()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Drawdowns.MaxDrawdown(Daily(Path), Day(1), Day(8), 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Drawdowns.WorstReturn(Daily(Path), Day(1), Day(8), 0));
        Should.Throw<ArgumentException>(() => Drawdowns.DailyVolatility(Daily(Path), Day(8), Day(1)));
        Should.Throw<ArgumentNullException>(() => Drawdowns.MaxDrawdown(null!, Day(1), Day(8), 7));
    }

    [Fact]
    public void Kernels_MatchHandArithmetic()
    {
        double[] v = [10, 12, 9, 11, 6, 8, 15, 12];

        Drawdowns.MaxDrawdown(v, 0, v.Length, 3).ShouldBe(new DrawdownIndices(1, 4, 0.5));
        Drawdowns.MaxDrawdown(v, 0, v.Length, int.MaxValue).ShouldBe(new DrawdownIndices(1, 4, 0.5));
        DrawdownIndices late = Drawdowns.MaxDrawdown(v, 5, 3, int.MaxValue);
        (late.Peak, late.Trough).ShouldBe((6, 7));
        late.Fraction.ShouldBe(0.2, 1e-15);
        Drawdowns.WorstReturn(v, 0, v.Length, 2).Start.ShouldBe(2);
        Drawdowns.LogReturnStandardDeviation([1, 2, 1, 2]).ShouldBe(2 * Math.Log(2) / Math.Sqrt(3), 1e-15);

        double[] returns = new double[2];
        Drawdowns.LogReturns([1, 2, 4], returns);
        returns[0].ShouldBe(Math.Log(2), 1e-15);
        returns[1].ShouldBe(Math.Log(2), 1e-15);
    }

    [Fact]
    public void Kernels_BadRanges_ArgumentExceptions()
    {
        double[] v = [10, 12, 9];

        Should.Throw<ArgumentException>(() => Drawdowns.MaxDrawdown(v, 2, 2, 1));
        Should.Throw<ArgumentException>(() => Drawdowns.MaxDrawdown(v, 2, 1, 1)); // nothing after the peak
        Should.Throw<ArgumentException>(() => Drawdowns.MaxDrawdown(v, 0, 0, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => Drawdowns.MaxDrawdown(v, 0, 3, 0));
        Should.Throw<ArgumentException>(() => Drawdowns.WorstReturn(v, 0, 3, 3));
        Should.Throw<ArgumentException>(() => Drawdowns.LogReturnStandardDeviation([1, 2]));
        Should.Throw<ArgumentException>(() => Drawdowns.LogReturns([1, 2, 4], new double[1]));
    }
}
