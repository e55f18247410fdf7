using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Lending.Ltv;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>Every LTV model on worked examples whose figures follow by hand from its definition.</summary>
public sealed class LoanToValueModelTests
{
    private static CollateralContext Floor10 => new() { FloorEth = 10m };

    [Fact]
    public void Fixed_BlueChipAndStandard_OnA10EthFloor()
    {
        LoanToValueResult blue = FixedLtvModel.BlueChip.Evaluate(Floor10);
        blue.ValueEth.ShouldBe(10m);
        blue.MaxLtv.ShouldBe(0.40m);
        blue.BorrowLimitEth.ShouldBe(4m);
        blue.LiquidationThreshold.ShouldBe(0.80m);
        blue.LiquidationPriceEth.ShouldBe(5m); // 4 / 0.8: liquidated when the floor halves
        blue.Reasoning.ShouldNotBeEmpty();

        LoanToValueResult standard = FixedLtvModel.Standard.Evaluate(Floor10 with { Appraisal = Appraisal(25m) });
        standard.ValueEth.ShouldBe(10m);   // the appraisal is ignored: the LTV is on the floor
        standard.BorrowLimitEth.ShouldBe(3m);
        standard.LiquidationPriceEth.ShouldBe(3.75m);
    }

    [Fact]
    public void Rarity_SeedsExample_Floor10Ltv50Multiplier15_Gives75Eth()
    {
        var model = new RarityMultiplierLtvModel(0.50m, 0.80m);
        LoanToValueResult r = model.Evaluate(Floor10 with { RarityMultiplier = 1.5m });
        r.ValueEth.ShouldBe(15m);
        r.MaxLtv.ShouldBe(0.50m);
        r.BorrowLimitEth.ShouldBe(7.5m);
        r.LiquidationThreshold.ShouldBe(0.80m);
        r.LiquidationPriceEth.ShouldBe(9.375m);
    }

    [Theory]
    [InlineData(25, 12.5)]   // appraisal 2.5 × floor → multiplier 2.5 → 25 × 0.5
    [InlineData(80, 25)]     // 8 × floor, capped at 5 → 50 × 0.5
    [InlineData(8, 5)]       // below the floor → multiplier 1 → 10 × 0.5
    public void Rarity_MultiplierFromTheAppraisal_KeptWithinOneAndTheCap(double appraised, double borrow)
    {
        LoanToValueResult r = new RarityMultiplierLtvModel(0.50m, 0.80m).Evaluate(Floor10 with { Appraisal = Appraisal((decimal)appraised) });
        r.BorrowLimitEth.ShouldBe((decimal)borrow);
        Should.Throw<ArgumentException>(() => new RarityMultiplierLtvModel(0.5m, 0.8m).Evaluate(Floor10));
    }

    [Fact]
    public void TraitBoost_JpegdStyle_MinOfCapAndBasePlusBoosts_TimesTheTypeValue()
    {
        // PIP-58-like vault: base 60% / 70%, caps 70% / 80%; an alien is valued at 25 × floor and boosted +10 points.
        var model = new TraitBoostLtvModel(
            0.60m, 0.70m, 0.70m, 0.80m,
            [new TraitBoost("type", "Alien", 0.10m, 0.10m), new TraitBoost("type", "Ape", 0.05m, 0.05m)],
            [new TraitValueMultiplier("Type", "alien", 25m)]);
        CollateralContext alien = Floor10 with { Traits = [new TokenTrait("Type", "Alien"), new TokenTrait("Hair", "Wild Hair")] };
        LoanToValueResult r = model.Evaluate(alien);
        r.ValueEth.ShouldBe(250m);
        r.MaxLtv.ShouldBe(0.70m);
        r.BorrowLimitEth.ShouldBe(175m);
        r.LiquidationThreshold.ShouldBe(0.80m);
        r.LiquidationPriceEth.ShouldBe(218.75m);

        // No matching trait: the base rates on the floor.
        LoanToValueResult plain = model.Evaluate(Floor10 with { Traits = [new TokenTrait("Type", "Male")] });
        plain.BorrowLimitEth.ShouldBe(6m);
        plain.LiquidationThreshold.ShouldBe(0.70m);

        // Boosts beyond the cap are cut: min(0.50, 0.32 + 0.10 + 0.15) = 0.50.
        var launch = new TraitBoostLtvModel(0.32m, 0.33m, 0.50m, 0.51m, [new TraitBoost("Hair", "Wild Hair", 0.10m, 0.10m), new TraitBoost("type", "alien", 0.15m, 0.15m)]);
        LoanToValueResult capped = launch.Evaluate(alien);
        capped.MaxLtv.ShouldBe(0.50m);
        capped.BorrowLimitEth.ShouldBe(5m);
        capped.LiquidationThreshold.ShouldBe(0.51m);
    }

    [Fact]
    public void Liquidity_HaircutFromSpreadAndDaysToLiquidate()
    {
        // Half a sale a day → 2 days for one token → 100 bps beyond the free day; bid 7.5 under ask 10 → spread 25%,
        // 10 points above the 15% threshold → 1,000 bps. Haircut 1,100 bps keeps 0.89 of the LTV and the threshold.
        var book = new OrderBookSnapshot(DateTimeOffset.UnixEpoch, [new PriceLevel(10m)], [new PriceLevel(7.5m)]);
        CollateralContext context = Floor10 with { SalesPerDay = 0.5m, Spread = Liquidity.Spread(book) };
        LoanToValueResult r = new LiquidityAdjustedLtvModel(0.40m, 0.80m).Evaluate(context);
        r.MaxLtv.ShouldBe(0.356m);
        r.BorrowLimitEth.ShouldBe(3.56m);
        r.LiquidationThreshold.ShouldBe(0.712m);
        r.LiquidationPriceEth.ShouldBe(5m);

        // A liquid collection (10 sales a day, no book): no haircut.
        new LiquidityAdjustedLtvModel(0.40m, 0.80m).Evaluate(Floor10 with { SalesPerDay = 10m }).MaxLtv.ShouldBe(0.40m);

        // Five tokens at once take 10 days: 900 bps.
        new LiquidityAdjustedLtvModel(0.40m, 0.80m).Evaluate(Floor10 with { SalesPerDay = 0.5m, PositionSize = 5 }).MaxLtv.ShouldBe(0.364m);
        Should.Throw<ArgumentException>(() => new LiquidityAdjustedLtvModel(0.4m, 0.8m).Evaluate(Floor10));
    }

    [Fact]
    public void Risk_OneCrashInTheHistory_QuantilesGiveLtvAndThreshold()
    {
        // 104 days at 100 ETH except a fall to 70 from day 50 on. With a 4-day window (2 grace + 2 auction) the 100
        // windows ending by day 103 have a worst ratio of 0.7 for the four starts 46–49 and 1.0 otherwise.
        FloorSeries history = Series(Enumerable.Range(0, 104).Select(d => d < 50 ? 100m : 70m));
        CollateralContext context = new() { FloorEth = 70m, FloorHistory = history, AsOf = Day(103) };
        LoanToValueResult r = new RiskBasedLtvModel(targetProbability: 0.01, liquidationTolerance: 0.05, liquidationPenalty: 0.05m).Evaluate(context);

        // 1% of 100 windows: the 2nd smallest ratio, 0.7 → 0.7 / 1.05; 5%: the 6th smallest, 1.0 → 1 / 1.05.
        r.MaxLtv.ShouldBe(0.7m / 1.05m);
        r.LiquidationThreshold.ShouldBe(1m / 1.05m);
        r.BorrowLimitEth.ShouldBe(70m * (0.7m / 1.05m));
        r.LiquidationPriceEth.ShouldBe(r.BorrowLimitEth / r.LiquidationThreshold);

        // A target loose enough to ignore four bad windows in a hundred: 1 / 1.05.
        new RiskBasedLtvModel(targetProbability: 0.05).Evaluate(context).MaxLtv.ShouldBe(1m / 1.05m);
    }

    [Fact]
    public void Risk_SteadyDecline_AndAppraisalUncertaintyFoldedIn()
    {
        // 1% a day down: every 4-day window's worst ratio is 0.99⁴.
        FloorSeries falling = Series(Enumerable.Range(0, 100).Select(d => 100m * (decimal)Math.Pow(0.99, d)));
        var model = new RiskBasedLtvModel();
        LoanToValueResult r = model.Evaluate(new CollateralContext { FloorEth = 40m, FloorHistory = falling, AsOf = Day(99) });
        ((double)r.MaxLtv).ShouldBe(Math.Pow(0.99, 4) / 1.05, 1e-9);

        // A flat history with an appraisal log spread of 0.1: q solves Φ(ln q / 0.1) = 0.01, q = e^(−0.232635).
        FloorSeries flat = Series(Enumerable.Range(0, 100).Select(_ => 50m));
        CollateralContext appraised = new() { FloorEth = 50m, Appraisal = Appraisal(60m, logSpread: 0.1), FloorHistory = flat, AsOf = Day(99) };
        LoanToValueResult u = model.Evaluate(appraised);
        ((double)u.MaxLtv).ShouldBe(Math.Exp(-0.2326348) / 1.05, 1e-5);
        u.ValueEth.ShouldBe(60m);

        // History after the as-of date is ignored; too little history is an error, not a guess.
        Should.Throw<InsufficientHistoryException>(() => model.Evaluate(new CollateralContext { FloorEth = 50m, FloorHistory = flat, AsOf = Day(20) }));
    }

    [Fact]
    public void Models_RejectOutOfRangeSettings()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new FixedLtvModel(0m, 0.5m));
        Should.Throw<ArgumentOutOfRangeException>(() => new FixedLtvModel(0.5m, 0.4m));
        Should.Throw<ArgumentOutOfRangeException>(() => new RiskBasedLtvModel(targetProbability: 0.6));
        Should.Throw<ArgumentOutOfRangeException>(() => new RiskBasedLtvModel(gracePeriodDays: 0, auctionDays: 0.5));
        Should.Throw<ArgumentException>(() => FixedLtvModel.BlueChip.Evaluate(new CollateralContext { FloorEth = 0m }));
    }

    [Fact]
    public void Property_BorrowLimitIsLtvTimesValue_AndLiquidationPriceAtMostTheValue()
    {
        Prop.ForAll(
            Gen.Choose(1, 10_000).SelectMany(f => Gen.Choose(1, 99).SelectMany(l => Gen.Choose(l, 100).SelectMany(t => Gen.Choose(100, 500).Select(m => (f, l, t, m))))).ToArbitrary(),
            x =>
            {
                (int f, int l, int t, int m) = x;
                decimal floor = f / 10m;
                decimal ltv = l / 100m;
                decimal threshold = Math.Max(ltv, t / 100m);
                CollateralContext c = new() { FloorEth = floor, RarityMultiplier = m / 100m, SalesPerDay = 0.7m, Traits = [new TokenTrait("type", "ape")] };
                ILoanToValueModel[] models =
                [
                    new FixedLtvModel(ltv, threshold),
                    new RarityMultiplierLtvModel(ltv, threshold),
                    new LiquidityAdjustedLtvModel(ltv, threshold),
                    new TraitBoostLtvModel(ltv, threshold, Math.Min(0.99m, ltv + 0.1m), Math.Max(threshold, Math.Min(1m, ltv + 0.1m)), [new TraitBoost("type", "ape", 0.2m, 0.2m)]),
                ];
                return models.Select(model => model.Evaluate(c)).All(r =>
                    r.BorrowLimitEth == r.MaxLtv * r.ValueEth
                    && r.LiquidationThreshold >= r.MaxLtv
                    && r.LiquidationPriceEth <= r.ValueEth
                    && r.MaxLtv > 0 && r.MaxLtv < 1);
            }).QuickCheckThrowOnFailure();
    }

    private static DateOnly Day(int k) => new DateOnly(2022, 1, 1).AddDays(k);

    private static FloorSeries Series(IEnumerable<decimal> values)
    {
        decimal[] v = [.. values];
        return FloorSeries.FromValues("test", FloorCurrency.Eth, [.. Enumerable.Range(0, v.Length).Select(Day)], v);
    }

    private static TokenAppraisal Appraisal(decimal value, double logSpread = 0.2) =>
        new("1", Day(0), value, value * 0.8m, value * 1.2m, 0.5, new AppraisalBreakdown
        {
            Method = "test",
            FloorEth = 10m,
            FloorDate = Day(0),
            LogSpread = logSpread,
            Collection = new CollectionView(10m, 0, 0m, null, null),
        });
}
