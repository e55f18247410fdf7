using NftCollateral.Sdk.CashFlows;
using NftCollateral.Sdk.CashFlows.ExitRules;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.CashFlows;

/// <summary>Each built-in rule on both sides of its boundary, and the engine's decision.</summary>
public sealed class ExitRuleTests
{
    private static readonly DateOnly Day = new(2025, 6, 30);

    // Haircut 0 so that the collateral ratio is appraised / debt; debt 100 000.
    private static readonly CollateralPreset NoHaircut = CollateralPreset.MusicCatalog with { Haircut = 0 };

    private static ExitContext Context(double appraised, double debt = 100_000, CollateralPreset? preset = null) => new()
    {
        AsOf = Day,
        AppraisedValue = appraised,
        Debt = debt,
        Preset = preset ?? NoHaircut,
    };

    // ---- 120% threshold, with accrued interest ----

    [Theory]
    [InlineData(119_990, true)]   // 119.99%
    [InlineData(120_000, true)]   // exactly 120%: "falls to 120%" fires
    [InlineData(120_010, false)]  // 120.01%
    public void CollateralThreshold_FiresAtOrBelow120Percent(double appraised, bool fires)
    {
        ExitVerdict v = new CollateralThresholdRule().Evaluate(Context(appraised));
        v.Fired.ShouldBe(fires);
        v.Action.ShouldBe(fires ? ExitAction.Unwind : ExitAction.Keep);
        v.Reason.ShouldContain(fires ? "at or below 120%" : "above 120%");
    }

    [Fact]
    public void CollateralThreshold_CountsAccruedInterestAndTheHaircut()
    {
        // 100 000 at 8% simple for 365 days = 108 000 debt. A 20% haircut on 162 000 leaves 129 600: 120% exactly.
        var loan = new RevenueLoan { Principal = 100_000, AnnualRate = 0.08, Start = Day.AddDays(-365) };
        double debt = loan.DebtAt(Day);
        debt.ShouldBe(108_000, 1e-9);
        ExitContext at = Context(162_000, debt, CollateralPreset.MusicCatalog);
        at.CollateralValue.ShouldBe(129_600, 1e-9);
        new CollateralThresholdRule().Evaluate(at).Fired.ShouldBeTrue();
        new CollateralThresholdRule().Evaluate(at with { AppraisedValue = 162_020 }).Fired.ShouldBeFalse(); // 120.0148%

        // Without the interest the same value would be 129.6%: the rule must not use the principal alone.
        new CollateralThresholdRule().Evaluate(at with { Debt = loan.Principal }).Fired.ShouldBeFalse();

        // Annual compounding over two years: 100 000 · 1.08² = 116 640.
        (loan with { Compounding = InterestCompounding.Annual, Start = Day.AddDays(-730) }).DebtAt(Day).ShouldBe(116_640, 1e-6);
        (loan with { AccruedInterest = 1234 }).DebtAt(Day).ShouldBe(101_234);
    }

    [Fact]
    public void CollateralThreshold_UsesTheOption()
    {
        var rule = new CollateralThresholdRule(new ExitRuleOptions { UnwindRatio = 1.25 });
        rule.Evaluate(Context(124_990)).Fired.ShouldBeTrue();
        rule.Evaluate(Context(125_010)).Fired.ShouldBeFalse();
    }

    // ---- preset maintenance level ----

    [Theory]
    [InlineData(149_990, true)]
    [InlineData(150_000, false)]
    [InlineData(150_010, false)]
    public void OverCollateralization_MusicCatalogBelow150Percent_AddsCollateral(double appraised, bool fires)
    {
        ExitVerdict v = new OverCollateralizationRule().Evaluate(Context(appraised));
        v.Fired.ShouldBe(fires);
        v.Action.ShouldBe(fires ? ExitAction.AddCollateral : ExitAction.Keep);
        if (fires)
        {
            v.Reason.ShouldContain("add 10 of collateral value");
        }
    }

    [Fact]
    public void OverCollateralization_ReitLikeAt130Percent()
    {
        CollateralPreset reit = CollateralPreset.ReitLike with { Haircut = 0 };
        new OverCollateralizationRule().Evaluate(Context(129_990, preset: reit)).Fired.ShouldBeTrue();
        new OverCollateralizationRule().Evaluate(Context(130_010, preset: reit)).Fired.ShouldBeFalse();
    }

    // ---- IRR vs WACC ----

    [Theory]
    [InlineData(0.069999, true)]   // 200.01 bp below
    [InlineData(0.07, false)]      // exactly 200 bp: "more than" does not fire
    [InlineData(0.070001, false)]  // 199.99 bp
    [InlineData(0.12, false)]      // above the WACC
    public void IrrVsWacc_FiresMoreThan200BpBelow(double irr, bool fires)
    {
        ExitVerdict v = new IrrVersusWaccRule().Evaluate(Context(200_000) with { Wacc = 0.09, ProjectedIrr = IrrResult.FromRate(irr) });
        v.Evaluated.ShouldBeTrue();
        v.Fired.ShouldBe(fires);
        v.Action.ShouldBe(fires ? ExitAction.Unwind : ExitAction.Keep);
    }

    [Fact]
    public void IrrVsWacc_NotEvaluatedWithoutWaccOrWithAnUndefinedIrr()
    {
        var rule = new IrrVersusWaccRule();
        rule.Evaluate(Context(200_000) with { ProjectedIrr = IrrResult.FromRate(0.01) }).Reason.ShouldBe("not evaluated: no WACC given");
        ExitVerdict undefined = rule.Evaluate(Context(200_000) with { Wacc = 0.09, ProjectedIrr = CashFlowMath.Irr([10, 20]) });
        undefined.Evaluated.ShouldBeFalse();
        undefined.Fired.ShouldBeFalse();
        undefined.Reason.ShouldContain("no sign change");
        Should.Throw<ArgumentException>(() => ExitRuleEngine.CreateDefault().Evaluate(Context(200_000) with { Wacc = -1 })).Message.ShouldContain("-100%");
    }

    // ---- multiple compression, 90 and 180 days ----

    [Theory]
    [InlineData(89, ExitAction.Keep, false)]
    [InlineData(90, ExitAction.AddCollateral, true)]
    [InlineData(179, ExitAction.AddCollateral, true)]
    [InlineData(180, ExitAction.Unwind, true)]
    public void MultipleCompression_AfterNinetyAddsCollateral_AfterOneEightyUnwinds(int days, ExitAction action, bool fires)
    {
        var state = new MultipleCompressionState(8, 10, Day.AddDays(-days), days);
        ExitVerdict v = new MultipleCompressionRule().Evaluate(Context(200_000) with { MultipleCompression = state });
        v.Fired.ShouldBe(fires);
        v.Action.ShouldBe(action);
    }

    [Fact]
    public void MultipleCompression_NotBelowAverage_OrNoHistory()
    {
        var rule = new MultipleCompressionRule();
        rule.Evaluate(Context(200_000) with { MultipleCompression = new MultipleCompressionState(10, 10, null, 0) }).Fired.ShouldBeFalse();
        rule.Evaluate(Context(200_000)).Evaluated.ShouldBeFalse();
    }

    // ---- signal-driven buffer ----

    [Theory]
    [InlineData(29.99, true)]
    [InlineData(30.0, false)]
    [InlineData(30.01, false)]
    public void SignalBuffer_RsiBelow30RaisesTheBuffer(double rsi, bool fires)
    {
        // Ratio 155%: above the 150% maintenance level, below the raised 160%.
        ExitVerdict v = new SignalBufferRule().Evaluate(Context(155_000) with { Signals = new RevenueSignalState(rsi, false, 40) });
        v.Fired.ShouldBe(fires);
        v.BufferIncrease.ShouldBe(fires ? 0.10 : 0);
        v.Action.ShouldBe(fires ? ExitAction.AddCollateral : ExitAction.Keep);
    }

    [Fact]
    public void SignalBuffer_DivergenceFiresAndRaisedLevelHasItsOwnBoundary()
    {
        var rule = new SignalBufferRule();
        var turned = new RevenueSignalState(55, true, 40);
        ExitVerdict covered = rule.Evaluate(Context(160_000) with { Signals = turned });
        covered.Fired.ShouldBeTrue();
        covered.Action.ShouldBe(ExitAction.Keep); // 160% meets 150% + 10 points
        covered.Reason.ShouldContain("bearish MACD divergence");
        rule.Evaluate(Context(159_990) with { Signals = turned }).Action.ShouldBe(ExitAction.AddCollateral);
        rule.Evaluate(Context(159_990) with { Signals = new RevenueSignalState(null, null, 5) }).Evaluated.ShouldBeFalse();
    }

    // ---- liquidity, from the market-data metrics ----

    [Fact]
    public void Liquidity_HaircutFromSpreadAndDaysToLiquidate()
    {
        // Spread (10 − 8)/10 = 20%: 5 points above 15% → 500 bp; 1 sale a day → 1 day, free. Haircut 500 bp.
        LiquidityHaircut haircut = new LiquidityInput { BestAsk = 10, BestBid = 8, SalesPerDay = 1 }.Evaluate();
        haircut.HaircutBps.ShouldBe(500m);
        var rule = new LiquidityRule();

        // 126.3% × 0.95 = 119.985% → unwind; 126.4% × 0.95 = 120.08% → above 120% but below 150% → add collateral.
        rule.Evaluate(Context(126_300) with { Liquidity = haircut }).Action.ShouldBe(ExitAction.Unwind);
        rule.Evaluate(Context(126_400) with { Liquidity = haircut }).Action.ShouldBe(ExitAction.AddCollateral);

        // 157.89% × 0.95 = 149.9955% → add; 157.9% × 0.95 = 150.005% → keep.
        rule.Evaluate(Context(157_890) with { Liquidity = haircut }).Fired.ShouldBeTrue();
        rule.Evaluate(Context(157_900) with { Liquidity = haircut }).Fired.ShouldBeFalse();
        rule.Evaluate(Context(300_000)).Evaluated.ShouldBeFalse();

        // 100 days to liquidate hits the 1500 bp cap: too big for the market.
        LiquidityHaircut capped = new LiquidityInput { SalesPerDay = 0.01m }.Evaluate();
        capped.Capped.ShouldBeTrue();
        ExitVerdict v = rule.Evaluate(Context(300_000) with { Liquidity = capped });
        v.Action.ShouldBe(ExitAction.AddCollateral);
        v.Reason.ShouldContain("cap");
    }

    // ---- engine ----

    [Fact]
    public void Engine_DecisionIsTheMostSevereAction_WithEveryVerdict()
    {
        ExitRuleEngine engine = ExitRuleEngine.CreateDefault();
        engine.Rules.Select(r => r.Name).ShouldBe(["collateral-threshold", "over-collateralization", "irr-vs-wacc", "multiple-compression", "signal-buffer", "liquidity"]);

        ExitDecision keep = engine.Evaluate(Context(200_000));
        keep.Action.ShouldBe(ExitAction.Keep);
        keep.Verdicts.Count.ShouldBe(6);
        keep.RequiredRatio.ShouldBe(1.5);
        keep.RequiredCollateral.ShouldBe(150_000);

        ExitDecision add = engine.Evaluate(Context(140_000) with { Signals = new RevenueSignalState(20, false, 30) });
        add.Action.ShouldBe(ExitAction.AddCollateral);
        add.RequiredRatio.ShouldBe(1.6, 1e-12);
        add.RequiredCollateral.ShouldBe(160_000, 1e-6);

        ExitDecision unwind = engine.Evaluate(Context(119_000) with { Signals = new RevenueSignalState(20, false, 30) });
        unwind.Action.ShouldBe(ExitAction.Unwind);
        unwind.Verdict("collateral-threshold").Fired.ShouldBeTrue();
        unwind.Verdict("over-collateralization").Action.ShouldBe(ExitAction.AddCollateral);
        Should.Throw<KeyNotFoundException>(() => unwind.Verdict("nope"));
    }

    [Fact]
    public void Engine_RejectsBadContextsAndRuleSets()
    {
        ExitRuleEngine engine = ExitRuleEngine.CreateDefault();
        Should.Throw<ArgumentException>(() => engine.Evaluate(Context(100, debt: 0)));
        Should.Throw<ArgumentException>(() => engine.Evaluate(Context(double.NaN)));
        Should.Throw<ArgumentException>(() => engine.Evaluate(Context(100, preset: NoHaircut with { MaxRatio = 1.2 })));
        Should.Throw<ArgumentException>(() => new ExitRuleEngine([]));
        Should.Throw<ArgumentException>(() => new ExitRuleEngine([new OverCollateralizationRule(), new OverCollateralizationRule()]));
        Should.Throw<ArgumentException>(() => ExitRuleEngine.CreateDefault(new ExitRuleOptions { CompressionUnwindDays = 10 }));
        Should.Throw<ArgumentException>(() => engine.Backtest([Context(200_000), Context(200_000)])).Message.ShouldContain("increasing date order");
    }

    [Fact]
    public void Presets_HoldTheSeedRanges()
    {
        CollateralPreset.MusicCatalog.MinRatio.ShouldBe(1.5);
        CollateralPreset.MusicCatalog.MaxRatio.ShouldBe(2.0);
        CollateralPreset.ReitLike.MinRatio.ShouldBe(1.3);
        CollateralPreset.ReitLike.MaxRatio.ShouldBe(1.6);
        CollateralPreset.Other.MinRatio.ShouldBeGreaterThanOrEqualTo(CollateralPreset.MusicCatalog.MaxRatio);
        CollateralPreset.For(AssetClass.ReitLike).ShouldBeSameAs(CollateralPreset.ReitLike);
        AssetClasses.Parse("Music_Catalog").ShouldBe(AssetClass.MusicCatalog);
        AssetClasses.ToName(AssetClass.ReitLike).ShouldBe("reit-like");
        Should.Throw<ArgumentException>(() => AssetClasses.Parse("art")).Message.ShouldContain("unknown asset class 'art' (expected one of: music-catalog, reit-like, other)");
        Should.Throw<ArgumentException>(() => (CollateralPreset.Other with { Haircut = 1 }).Validate());
    }
}
