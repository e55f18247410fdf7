using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

public sealed class LiquidityTests
{
    private static readonly DateTimeOffset Day0 = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Sale At(double days, decimal price) =>
        new("c", "1", Day0.AddDays(days), price, null, null, null, null, TimestampPrecision.Second, null);

    private static PriceLevel[] Levels(params decimal[] prices) => [.. prices.Select(p => new PriceLevel(p))];

    private static OrderBookSnapshot Book(decimal[] asks, decimal[] bids, double day = 0) => new(Day0.AddDays(day), Levels(asks), Levels(bids));

    // ---- spread ----

    [Fact]
    public void Spread_UsesLowestAskAndHighestBid()
    {
        // best ask 100, best bid 85 → (100 − 85) / 100 = 0.15 exactly: at the threshold, not above it.
        SpreadResult s = Liquidity.Spread(Book([102, 100, 110], [80, 85, 70]));
        s.BestAskEth.ShouldBe(100m);
        s.BestBidEth.ShouldBe(85m);
        s.Spread.ShouldBe(0.15m);
        s.IlliquidAbove.ShouldBe(0.15m);
        s.IsIlliquid.ShouldBeFalse();
    }

    [Fact]
    public void Spread_JustAboveFifteenPercent_IsIlliquid()
    {
        // (100 − 84.99) / 100 = 0.1501
        SpreadResult s = Liquidity.Spread(Book([100], [84.99m]));
        s.Spread.ShouldBe(0.1501m);
        s.IsIlliquid.ShouldBeTrue();
    }

    [Fact]
    public void Spread_ThresholdIsConfigurable()
    {
        // (10 − 8) / 10 = 0.2
        Liquidity.Spread(Book([10], [8])).IsIlliquid.ShouldBeTrue();
        SpreadResult s = Liquidity.Spread(Book([10], [8]), illiquidAbove: 0.25m);
        s.Spread.ShouldBe(0.2m);
        s.IlliquidAbove.ShouldBe(0.25m);
        s.IsIlliquid.ShouldBeFalse();
        Liquidity.Spread(Book([10], [8]), illiquidAbove: 0.2m).IsIlliquid.ShouldBeFalse();
        Liquidity.Spread(Book([10], [10])).Spread.ShouldBe(0m);
    }

    [Fact]
    public void Spread_MissingSideOrCrossedBook_IsADataFault()
    {
        Should.Throw<OrderBookDataException>(() => Liquidity.Spread(Book([10], []))).Message.ShouldContain("no bid");
        Should.Throw<OrderBookDataException>(() => Liquidity.Spread(Book([], [9]))).Message.ShouldContain("no ask");
        Should.Throw<OrderBookDataException>(() => Liquidity.Spread(Book([10], [11]))).Message.ShouldContain("crossed");
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.Spread(Book([10], [9]), illiquidAbove: 1m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.Spread(Book([10], [9]), illiquidAbove: -0.01m));
        Should.Throw<ArgumentNullException>(() => Liquidity.Spread(null!));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(1, -3)]
    public void PriceLevel_RejectsNonPositivePriceOrQuantity(int price, int quantity) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new PriceLevel(price, quantity));

    [Fact]
    public void Book_RejectsNullLevels()
    {
        Should.Throw<ArgumentNullException>(() => new OrderBookSnapshot(Day0, [null!], []));
        Should.Throw<ArgumentNullException>(() => new OrderBookSnapshot(Day0, [], null!));
    }

    // ---- depth ----

    private static OrderBookSnapshot DepthBook() => new(
        Day0,
        [new(100), new(104, 2), new(105), new(105.01m), new(120)],
        [new(90), new(85.5m), new(85.49m), new(80, 3)]);

    [Fact]
    public void Depth_CountsTokensWithinTheBandInclusive()
    {
        // asks ≤ 100 × 1.05 = 105: 100, 104 (×2), 105 → 4; bids ≥ 90 × 0.95 = 85.5: 90, 85.5 → 2
        DepthResult d = Liquidity.Depth(DepthBook(), 0.05m);
        d.Within.ShouldBe(0.05m);
        d.AskReferenceEth.ShouldBe(100m);
        d.AskLimitEth.ShouldBe(105m);
        d.AskDepth.ShouldBe(4);
        d.BidReferenceEth.ShouldBe(90m);
        d.BidLimitEth.ShouldBe(85.5m);
        d.BidDepth.ShouldBe(2);
    }

    [Fact]
    public void Depth_AgainstACallerFloor()
    {
        // floor 110 → asks ≤ 115.5: 100, 104 ×2, 105, 105.01 → 5 (the 120 ask is out)
        DepthResult d = Liquidity.Depth(DepthBook(), 0.05m, floorEth: 110m);
        d.AskReferenceEth.ShouldBe(110m);
        d.AskLimitEth.ShouldBe(115.5m);
        d.AskDepth.ShouldBe(5);

        // band 0: only the best level on each side
        DepthResult zero = Liquidity.Depth(DepthBook(), 0m);
        zero.AskDepth.ShouldBe(1);
        zero.BidDepth.ShouldBe(1);
    }

    [Fact]
    public void Depth_EmptySide_IsZeroWithUnknownReference()
    {
        DepthResult d = Liquidity.Depth(Book([10, 12], []), 0.1m);
        d.AskDepth.ShouldBe(1);
        d.BidDepth.ShouldBe(0);
        d.BidReferenceEth.ShouldBeNull();
        d.BidLimitEth.ShouldBeNull();

        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.Depth(DepthBook(), -0.01m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.Depth(DepthBook(), 1m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.Depth(DepthBook(), 0.05m, floorEth: 0m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.Depth(DepthBook(), 0.05m, floorEth: -5m));
    }

    // ---- sales per day ----

    [Fact]
    public void SalesPerDay_WindowIsHalfOpen()
    {
        // as of day 10, 10-day window [day 0, day 10): sales at 0, 1, 1.5, 2, 9.99 count; the one at day 10 does not.
        SaleSeries s = SaleSeries.Create([At(0, 1), At(1, 1), At(1.5, 1), At(2, 1), At(9.99, 1), At(10, 1), At(-0.01, 1)]);
        SalesRate r = Liquidity.SalesPerDay(s, Day0.AddDays(10), TimeSpan.FromDays(10));
        r.SaleCount.ShouldBe(5);
        r.ExcludedCount.ShouldBe(0);
        r.SalesPerDay.ShouldBe(0.5m);
        r.AsOf.ShouldBe(Day0.AddDays(10));
        r.Window.ShouldBe(TimeSpan.FromDays(10));

        // 12-hour window [day 9.5, day 10): one sale → 2 per day
        Liquidity.SalesPerDay(s, Day0.AddDays(10), TimeSpan.FromHours(12)).SalesPerDay.ShouldBe(2m);
    }

    [Fact]
    public void SalesPerDay_LeavesFlaggedSalesOutByDefault()
    {
        // six 10 ETH sales on days 0–5, then 1 ETH on day 6: below 0.2 × median 10 → flagged.
        SaleSeries s = SaleSeries.Create([At(0, 10), At(1, 10), At(2, 10), At(3, 10), At(4, 10), At(5, 10), At(6, 1)]);
        SalesRate r = Liquidity.SalesPerDay(s, Day0.AddDays(7), TimeSpan.FromDays(7));
        r.SaleCount.ShouldBe(6);
        r.ExcludedCount.ShouldBe(1);
        r.SalesPerDay.ShouldBe(6m / 7m);

        SalesRate all = Liquidity.SalesPerDay(s, Day0.AddDays(7), TimeSpan.FromDays(7), SaleFilterPolicy.IncludeAll);
        all.SaleCount.ShouldBe(7);
        all.ExcludedCount.ShouldBe(0);
        all.SalesPerDay.ShouldBe(1m);
    }

    [Fact]
    public void SalesPerDay_EmptyWindow_Throws_NeverZero()
    {
        SaleSeries s = SaleSeries.Create([At(0, 10), At(20, 10)]);
        NoSalesInWindowException e = Should.Throw<NoSalesInWindowException>(() => Liquidity.SalesPerDay(s, Day0.AddDays(15), TimeSpan.FromDays(10)));
        e.Window.ShouldBe(TimeSpan.FromDays(10));
        Should.Throw<NoSalesInWindowException>(() => Liquidity.SalesPerDay(SaleSeries.Create([]), Day0, TimeSpan.FromDays(1)));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.SalesPerDay(s, Day0.AddDays(15), TimeSpan.Zero));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.SalesPerDay(s, Day0.AddDays(15), TimeSpan.FromDays(-1)));
        Should.Throw<ArgumentNullException>(() => Liquidity.SalesPerDay(null!, Day0, TimeSpan.FromDays(1)));
    }

    // ---- days to liquidate ----

    [Fact]
    public void DaysToLiquidate_IsPositionOverParticipationTimesSalesPerDay()
    {
        // 5 / 2 = 2.5 days
        LiquidationTime t = Liquidity.DaysToLiquidate(5, 2m);
        t.PositionSize.ShouldBe(5);
        t.SalesPerDay.ShouldBe(2m);
        t.ParticipationRate.ShouldBe(1m);
        t.SellablePerDay.ShouldBe(2m);
        t.Days.ShouldBe(2.5m);

        // taking at most a quarter of daily sales: 5 / (0.25 × 2) = 10 days
        LiquidationTime q = Liquidity.DaysToLiquidate(5, 2m, 0.25m);
        q.SellablePerDay.ShouldBe(0.5m);
        q.Days.ShouldBe(10m);

        // from a rate: 0.5 per day, one NFT → 2 days
        var rate = new SalesRate(Day0, TimeSpan.FromDays(10), 5, 0, 0.5m);
        Liquidity.DaysToLiquidate(1, rate).Days.ShouldBe(2m);
    }

    [Fact]
    public void DaysToLiquidate_BadInput()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.DaysToLiquidate(0, 2m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.DaysToLiquidate(-1, 2m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.DaysToLiquidate(1, 0m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.DaysToLiquidate(1, 2m, 0m));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.DaysToLiquidate(1, 2m, 1.01m));
        Should.Throw<ArgumentNullException>(() => Liquidity.DaysToLiquidate(1, (SalesRate)null!));
    }

    // ---- listings trend ----

    [Fact]
    public void ListingsTrend_SpecExample_PunksSweep()
    {
        // specs/market-data.md §2: active asks 1,391 → 1,152 from 2021-08-22 to 08-23.
        var from = new DateTimeOffset(2021, 8, 22, 0, 0, 0, TimeSpan.Zero);
        ListingTrend t = Liquidity.ListingsTrend(from, 1391, from.AddDays(1), 1152);
        t.Change.ShouldBe(-239);
        t.RelativeChange.ShouldBe(-239m / 1391m);
        t.FromCount.ShouldBe(1391);
        t.ToCount.ShouldBe(1152);
    }

    [Fact]
    public void ListingsTrend_FromSnapshots_CountsQuantities()
    {
        var earlier = new OrderBookSnapshot(Day0, [new(10), new(11, 3)], [new(9)]);
        var later = new OrderBookSnapshot(Day0.AddDays(1), [new(12, 2)], []);
        ListingTrend t = Liquidity.ListingsTrend(earlier, later);
        t.FromCount.ShouldBe(4);
        t.ToCount.ShouldBe(2);
        t.Change.ShouldBe(-2);
        t.RelativeChange.ShouldBe(-0.5m);
        t.From.ShouldBe(Day0);
        t.To.ShouldBe(Day0.AddDays(1));
    }

    [Fact]
    public void ListingsTrend_FromZero_RelativeChangeUnknown_AndBadInput()
    {
        ListingTrend t = Liquidity.ListingsTrend(Day0, 0, Day0.AddDays(1), 3);
        t.Change.ShouldBe(3);
        t.RelativeChange.ShouldBeNull();
        Should.Throw<ArgumentException>(() => Liquidity.ListingsTrend(Day0, 1, Day0, 2));
        Should.Throw<ArgumentException>(() => Liquidity.ListingsTrend(Book([1], [], day: 1), Book([1], [], day: 0)));
        Should.Throw<ArgumentOutOfRangeException>(() => Liquidity.ListingsTrend(Day0, -1, Day0.AddDays(1), 2));
    }

    // ---- haircut policy ----

    private static SpreadResult SpreadOf(decimal ask, decimal bid) => Liquidity.Spread(Book([ask], [bid]));

    [Fact]
    public void Haircut_Default_SpreadAndDays()
    {
        // spread (10 − 8)/10 = 20% → 5 points above 15% × 100 = 500 bps;
        // 5 NFTs at 1 sale/day = 5 days → 4 beyond the free day × 100 = 400 bps; total 900 (cap 1500).
        LiquidityHaircut h = LiquidityHaircutPolicy.Default.Evaluate(SpreadOf(10, 8), Liquidity.DaysToLiquidate(5, 1m));
        h.SpreadExcess.ShouldBe(0.05m);
        h.SpreadBps.ShouldBe(500m);
        h.ExtraDays.ShouldBe(4m);
        h.DaysBps.ShouldBe(400m);
        h.UncappedBps.ShouldBe(900m);
        h.Capped.ShouldBeFalse();
        h.HaircutBps.ShouldBe(900m);
        h.Policy.ShouldBe(LiquidityHaircutPolicy.Default);
        h.Spread!.Spread.ShouldBe(0.2m);
        h.Time!.Days.ShouldBe(5m);
    }

    [Fact]
    public void Haircut_Default_Figures()
    {
        LiquidityHaircutPolicy p = LiquidityHaircutPolicy.Default;
        p.BaseBps.ShouldBe(0m);
        p.SpreadThreshold.ShouldBe(0.15m);
        p.SpreadBpsPerPoint.ShouldBe(100m);
        p.FreeDays.ShouldBe(1m);
        p.BpsPerDay.ShouldBe(100m);
        p.CapBps.ShouldBe(1500m);
    }

    [Fact]
    public void Haircut_Boundaries_ExactlyFifteenPercentAndOneDay_AreFree()
    {
        // spread exactly 15%, days exactly 1 (2 NFTs at 2 per day)
        LiquidityHaircut h = LiquidityHaircutPolicy.Default.Evaluate(SpreadOf(100, 85), Liquidity.DaysToLiquidate(2, 2m));
        h.SpreadBps.ShouldBe(0m);
        h.DaysBps.ShouldBe(0m);
        h.HaircutBps.ShouldBe(0m);

        // 16% spread → 100 bps; 1.5 days → 50 bps
        LiquidityHaircut g = LiquidityHaircutPolicy.Default.Evaluate(SpreadOf(100, 84), Liquidity.DaysToLiquidate(3, 2m));
        g.SpreadBps.ShouldBe(100m);
        g.DaysBps.ShouldBe(50m);
        g.HaircutBps.ShouldBe(150m);
    }

    [Fact]
    public void Haircut_IsCapped()
    {
        // spread 50% → 35 points × 100 = 3500 bps → capped at 1500
        LiquidityHaircut h = LiquidityHaircutPolicy.Default.Evaluate(SpreadOf(10, 5), null);
        h.UncappedBps.ShouldBe(3500m);
        h.Capped.ShouldBeTrue();
        h.HaircutBps.ShouldBe(1500m);

        // exactly at the cap is not "capped": 15 extra days × 100 = 1500
        LiquidityHaircut at = LiquidityHaircutPolicy.Default.Evaluate(null, Liquidity.DaysToLiquidate(16, 1m));
        at.HaircutBps.ShouldBe(1500m);
        at.Capped.ShouldBeFalse();
    }

    [Fact]
    public void Haircut_SalesOnly_SpreadNotEvaluated()
    {
        // 1 NFT at 4 sales/day = 0.25 days: within the free day → 0 bps, and the spread term is unknown (null), not 0.
        LiquidityHaircut h = LiquidityHaircutPolicy.Default.Evaluate(null, Liquidity.DaysToLiquidate(1, 4m));
        h.Spread.ShouldBeNull();
        h.SpreadExcess.ShouldBeNull();
        h.SpreadBps.ShouldBeNull();
        h.ExtraDays.ShouldBe(0m);
        h.DaysBps.ShouldBe(0m);
        h.HaircutBps.ShouldBe(0m);

        LiquidityHaircut bookOnly = LiquidityHaircutPolicy.Default.Evaluate(SpreadOf(10, 8), null);
        bookOnly.DaysBps.ShouldBeNull();
        bookOnly.ExtraDays.ShouldBeNull();
        bookOnly.HaircutBps.ShouldBe(500m);
    }

    [Fact]
    public void Haircut_CustomPolicy()
    {
        // base 50; spread 20% − 10% = 10 points × 50 = 500; 5 days − 2 free = 3 × 25 = 75; 625 → cap 400
        var policy = new LiquidityHaircutPolicy { BaseBps = 50, SpreadThreshold = 0.10m, SpreadBpsPerPoint = 50, FreeDays = 2, BpsPerDay = 25, CapBps = 400 };
        LiquidityHaircut h = policy.Evaluate(SpreadOf(10, 8), Liquidity.DaysToLiquidate(5, 1m));
        h.SpreadBps.ShouldBe(500m);
        h.DaysBps.ShouldBe(75m);
        h.UncappedBps.ShouldBe(625m);
        h.Capped.ShouldBeTrue();
        h.HaircutBps.ShouldBe(400m);

        // a base alone when both terms are zero
        (policy with { CapBps = 10_000 }).Evaluate(SpreadOf(10, 9.5m), Liquidity.DaysToLiquidate(1, 1m)).HaircutBps.ShouldBe(50m);
    }

    [Fact]
    public void Haircut_BadInput()
    {
        LiquidationTime t = Liquidity.DaysToLiquidate(1, 1m);
        Should.Throw<ArgumentException>(() => LiquidityHaircutPolicy.Default.Evaluate(null, null));
        Should.Throw<ArgumentException>(() => new LiquidityHaircutPolicy { BpsPerDay = -1 }.Evaluate(null, t));
        Should.Throw<ArgumentException>(() => new LiquidityHaircutPolicy { SpreadThreshold = 1 }.Evaluate(null, t));
        Should.Throw<ArgumentException>(() => new LiquidityHaircutPolicy { BaseBps = 200, CapBps = 100 }.Evaluate(null, t));
    }
}
