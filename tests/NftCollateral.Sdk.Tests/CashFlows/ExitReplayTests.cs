using NftCollateral.Sdk.CashFlows;
using NftCollateral.Sdk.CashFlows.ExitRules;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.CashFlows;

/// <summary>Contexts built from a position and its revenue, the replay over generated series, and the position file.</summary>
public sealed class ExitReplayTests
{
    private static readonly DateOnly Start = new(2020, 1, 31);

    // Ten years of decaying royalties (15% a year) bought for 1.2M; a loan of 600k at 8% simple from the purchase.
    private static readonly CashFlowSeries Royalties = CashFlowDemoGenerator.Royalties(Start, 120, new RoyaltyDemoOptions { PurchasePrice = 1_200_000 });

    private static RevenuePosition Catalog() => new()
    {
        Name = "catalog",
        AssetClass = AssetClass.MusicCatalog,
        Loan = new RevenueLoan { Principal = 600_000, AnnualRate = 0.08, Start = Start },
        Wacc = 0.09,
        Valuation = new RevenueValuation { DiscountRate = 0.10 },
    };

    [Fact]
    public void Replay_OverGeneratedRoyalties_FiresEachRuleWhenItsFiguresCrossTheLine()
    {
        var builder = new ExitContextBuilder(Catalog(), Royalties);
        ExitBacktest replay = ExitRuleEngine.CreateDefault().Backtest(builder);

        replay.Steps.Count.ShouldBe(109); // monthly dates from a year after the purchase
        replay.Steps[0].AsOf.ShouldBe(new DateOnly(2021, 1, 31));

        // Recompute the collateral ratio independently: TTM royalties / 10% (Gordon, no growth), 20% haircut, simple interest.
        DateOnly? expectedThreshold = null, expectedMaintenance = null;
        foreach (ExitDecision step in replay.Steps)
        {
            double ttm = Enumerable.Range(0, Royalties.Count)
                .Where(i => Royalties.Dates[i] <= step.AsOf && Royalties.Dates[i] > step.AsOf.AddDays(-365) && Royalties.Amounts[i] > 0)
                .Sum(i => Royalties.Amounts[i]);
            double debt = 600_000 * (1 + (0.08 * (step.AsOf.DayNumber - Start.DayNumber) / 365.0));
            double ratio = ttm / 0.10 * 0.8 / debt;
            step.CollateralRatio.ShouldBe(ratio, 1e-9);
            expectedThreshold ??= ratio <= 1.2 ? step.AsOf : null;
            expectedMaintenance ??= ratio < 1.5 ? step.AsOf : null;
        }

        expectedThreshold.ShouldNotBeNull("the decaying catalog must fall through 120% within ten years");
        replay.FirstFired["collateral-threshold"].ShouldBe(expectedThreshold);
        replay.FirstFired["over-collateralization"].ShouldBe(expectedMaintenance);
        expectedMaintenance!.Value.ShouldBeLessThan(expectedThreshold!.Value);
        replay.FirstAction(ExitAction.Unwind).ShouldNotBeNull();
        replay.FirstAction(ExitAction.Unwind)!.Value.ShouldBeLessThanOrEqualTo(expectedThreshold.Value);

        // No market values, no liquidity data: those rules never fire and say why.
        replay.FirstFired["multiple-compression"].ShouldBeNull();
        replay.Steps[^1].Verdict("liquidity").Reason.ShouldStartWith("not evaluated");

        // The replay is a pure function of the data: each step equals a fresh evaluation, and data after a date never matters.
        ExitDecision again = ExitRuleEngine.CreateDefault().Evaluate(builder.Build(replay.Steps[50].AsOf));
        again.Action.ShouldBe(replay.Steps[50].Action);
        again.Verdicts.Select(v => v.Reason).ShouldBe(replay.Steps[50].Verdicts.Select(v => v.Reason));
        DateOnly cut = replay.Steps[50].AsOf;
        var truncated = new ExitContextBuilder(Catalog(), Royalties.Until(cut)!);
        ExitRuleEngine.CreateDefault().Evaluate(truncated.Build(cut)).Verdicts.Select(v => v.Reason)
            .ShouldBe(replay.Steps[50].Verdicts.Select(v => v.Reason));
    }

    [Fact]
    public void ProjectedIrr_IsTheXirrOfHistoryPlusProjection_AndFallsAsTheCatalogDecays()
    {
        var builder = new ExitContextBuilder(Catalog(), Royalties);
        ExitContext early = builder.Build(new DateOnly(2021, 1, 31));
        ExitContext late = builder.Build(new DateOnly(2027, 1, 31));
        early.ProjectedIrr!.IsDefined.ShouldBeTrue();
        late.ProjectedIrr!.Rate!.Value.ShouldBeLessThan(early.ProjectedIrr.Rate!.Value);

        // Recompute the early one: the history, five yearly TTM receipts, and the value at year five.
        DateOnly t = early.AsOf;
        List<CashFlow> flows = [.. Enumerable.Range(0, Royalties.Count).Select(i => Royalties[i]).Where(f => f.Date <= t)];
        double ttm = Royalties.TrailingReceived(t);
        for (int k = 1; k <= 5; k++)
        {
            flows.Add(new CashFlow(t.AddYears(k), ttm));
        }

        flows.Add(new CashFlow(t.AddYears(5), early.AppraisedValue));
        CashFlowMath.Xirr(CashFlowSeries.Create(flows, DuplicateDatePolicy.Sum)).Rate!.Value.ShouldBe(early.ProjectedIrr.Rate.Value, 1e-12);
    }

    [Fact]
    public void IrrRule_FiresOnceTheProjectedIrrIsMoreThan200BpBelowTheWacc()
    {
        ExitBacktest replay = ExitRuleEngine.CreateDefault().Backtest(new ExitContextBuilder(Catalog() with { Wacc = 0.15 }, Royalties));
        DateOnly? expected = replay.Steps.FirstOrDefault(s => Math.Round((0.15 - s.ProjectedIrr!.Rate!.Value) * 10_000, 9) > 200)?.AsOf;
        replay.FirstFired["irr-vs-wacc"].ShouldBe(expected);
        expected.ShouldNotBeNull();
    }

    [Fact]
    public void Without_A_Purchase_TheIrrIsUndefinedAndTheRuleSaysSo()
    {
        CashFlowSeries revenueOnly = CashFlowDemoGenerator.Royalties(Start, 36);
        ExitContext context = new ExitContextBuilder(Catalog(), revenueOnly).Build(Start.AddMonths(30));
        context.ProjectedIrr!.Status.ShouldBe(IrrStatus.NoSignChange);
        ExitVerdict v = new IrrVersusWaccRule().Evaluate(context);
        v.Evaluated.ShouldBeFalse();
        v.Reason.ShouldContain("no sign change");

        // With the purchase in the position instead of the file, the IRR is defined again.
        var bought = Catalog() with { Purchase = new CashFlow(Start.AddMonths(-1), -1_000_000) };
        new ExitContextBuilder(bought, revenueOnly).Build(Start.AddMonths(30)).ProjectedIrr!.IsDefined.ShouldBeTrue();
    }

    [Fact]
    public void MultipleCompression_FromMarketValues_CountsDaysBelowTheAverage()
    {
        // Rent with steady income; the market value holds at 30× TTM-ish and then drops by a third from 2023-06-30.
        CashFlowSeries rent = CashFlowDemoGenerator.Rent(Start, 72, new RentDemoOptions { VacancyProbability = 0 });
        MarketValue[] values = [.. Enumerable.Range(12, 60).Select(i =>
        {
            DateOnly d = rent.Dates[i];
            return new MarketValue(d, rent.TrailingReceived(d) * (d >= new DateOnly(2023, 6, 30) ? 20 : 30));
        })];
        var position = new RevenuePosition
        {
            AssetClass = AssetClass.ReitLike,
            Loan = new RevenueLoan { Principal = 1_000_000, AnnualRate = 0.05, Start = Start },
            MarketValues = values,
        };
        var builder = new ExitContextBuilder(position, rent);

        MultipleCompressionState state = builder.Build(new DateOnly(2023, 9, 30)).MultipleCompression!;
        state.CurrentMultiple.ShouldBe(20, 1e-9);
        state.HistoricalAverage.ShouldBeGreaterThan(20);
        state.CompressedSince.ShouldBe(new DateOnly(2023, 6, 30));
        state.DaysCompressed.ShouldBe(92);
        builder.Build(new DateOnly(2023, 5, 31)).MultipleCompression!.CompressedSince.ShouldBeNull();

        // The replay asks for collateral from day 90 and unwinds from day 180 of the run.
        ExitBacktest replay = ExitRuleEngine.CreateDefault().Backtest(builder);
        replay.FirstFired["multiple-compression"].ShouldBe(new DateOnly(2023, 9, 30)); // 92 days; 2023-08-31 was 62
        replay.Steps.First(s => s.Verdict("multiple-compression").Action == ExitAction.Unwind).AsOf.ShouldBe(new DateOnly(2023, 12, 31)); // 184 days
    }

    [Fact]
    public void Signals_ComeFromTheRevenueUpToTheDate()
    {
        var builder = new ExitContextBuilder(Catalog(), Royalties);
        ExitContext context = builder.Build(new DateOnly(2024, 1, 31));
        context.Signals!.Observations.ShouldBe(48); // monthly royalties from 2020-02-29
        context.Signals.Rsi.ShouldNotBeNull();
        context.Signals.BearishDivergence.ShouldNotBeNull();
        builder.Build(new DateOnly(2021, 1, 31)).Signals!.BearishDivergence.ShouldBeNull(); // 12 observations: no MACD yet
    }

    [Fact]
    public void Builder_RejectsWhatCannotBeValued()
    {
        Should.Throw<ArgumentException>(() => new ExitContextBuilder(Catalog() with { Wacc = -1 }, Royalties)).Message.ShouldContain("above -100%");
        Should.Throw<ArgumentException>(() => new ExitContextBuilder(Catalog() with { Valuation = new RevenueValuation() }, Royalties)).Message.ShouldContain("no way to value");
        Should.Throw<ArgumentException>(() => new ExitContextBuilder(Catalog() with { Valuation = new RevenueValuation { DiscountRate = 0.05, Growth = 0.05 } }, Royalties));
        var builder = new ExitContextBuilder(Catalog(), Royalties);
        Should.Throw<InsufficientHistoryException>(() => builder.Build(Start.AddMonths(6))).Message.ShouldContain("full year of revenue");
        Should.Throw<ArgumentOutOfRangeException>(() => builder.Build(Start.AddDays(-1)));
        new ExitContextBuilder(Catalog() with { CollateralValue = 900_000 }, Royalties).Build(Start.AddMonths(6)).AppraisedValue.ShouldBe(900_000);
    }

    // ---- the position file ----

    private const string Example = """
        {
          "name": "Catalog #42",
          "assetClass": "music-catalog",
          "loan": { "principal": 600000, "annualRate": 0.08, "start": "2020-01-31", "compounding": "simple" },
          "wacc": 0.09,
          "purchase": { "date": "2020-01-31", "price": 1200000 },
          "valuation": { "discountRate": 0.10, "growth": 0.0, "projectionYears": 5 },
          "marketValues": [ { "date": "2021-06-30", "value": 1100000 } ],
          "preset": { "minRatio": 1.6 },
          "liquidity": { "bestAsk": 10, "bestBid": 9, "salesPerDay": 0.5 },
          "rules": { "unwindRatio": 1.25, "rsiBelow": 25 }
        }
        """;

    [Fact]
    public void PositionJson_ReadsEveryPart()
    {
        RevenuePosition p = RevenuePositionJson.Read(Example, "pos.json");
        p.Name.ShouldBe("Catalog #42");
        p.AssetClass.ShouldBe(AssetClass.MusicCatalog);
        p.Loan.Principal.ShouldBe(600_000);
        p.Purchase.ShouldBe(new CashFlow(new DateOnly(2020, 1, 31), -1_200_000));
        p.EffectivePreset.MinRatio.ShouldBe(1.6);
        p.EffectivePreset.MaxRatio.ShouldBe(2.0);
        p.EffectivePreset.Haircut.ShouldBe(0.2);
        p.MarketValues.Count.ShouldBe(1);
        p.Liquidity!.Evaluate().HaircutBps.ShouldBe(100m); // 1 / 0.5 = 2 days: 1 day beyond the free one
        p.Rules!.UnwindRatio.ShouldBe(1.25);
        p.Rules.RsiBelow.ShouldBe(25);
        p.Rules.CompressionUnwindDays.ShouldBe(180);
        RevenuePositionJson.Read("""{"assetClass": "reit-like", "loan": {"principal": 1, "annualRate": 0, "start": "2024-01-01"}}""", "min.json")
            .EffectivePreset.ShouldBeSameAs(CollateralPreset.ReitLike);
    }

    [Theory]
    [InlineData("""{"assetClass": "art", "loan": {}}""", "pos.json: field 'assetClass': unknown asset class 'art' (expected one of: music-catalog, reit-like, other)")]
    [InlineData("""{"assetClass": "other"}""", "pos.json: field 'loan': missing (required)")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": 0.1, "start": "2024-01-01"}, "wacc": -1}""", "pos.json: field 'wacc': a WACC of -1 (-100% or less) is not a cost of capital")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": -5, "annualRate": 0.1, "start": "2024-01-01"}}""", "pos.json: field 'loan': The loan principal must be positive")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": 0.1, "start": "2024-01-01"}, "wac": 0.1}""", "pos.json: field 'wac': unknown property")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": "8%", "start": "2024-01-01"}}""", "pos.json: field 'loan.annualRate': expected a number, not a string")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": 0.1, "start": "1/1/2024"}}""", "pos.json: field 'loan.start': not a date yyyy-MM-dd: '1/1/2024'")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": 0.1, "start": "2024-01-01"}, "preset": {"haircut": 1.5}}""", "pos.json: field 'preset': The haircut must be in [0, 1)")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": 0.1, "start": "2024-01-01"}, "liquidity": {"bestAsk": 9, "bestBid": 10}}""", "pos.json: field 'liquidity': order book at")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": 0.1, "start": "2024-01-01"}, "marketValues": [{"date": "2024-02-01", "value": 1}, {"date": "2024-01-01", "value": 1}]}""", "pos.json: field 'marketValues[1].date': 2024-01-01 is not after")]
    [InlineData("""{"assetClass": "other", "loan": {"principal": 1, "annualRate": 0.1, "start": "2024-01-01"}, "rules": {"compressionAddCollateralDays": 200}}""", "pos.json: field 'rules': Compression days")]
    [InlineData("""[1, 2]""", "pos.json: not a position file")]
    [InlineData("""{"assetClass": """, "pos.json: malformed JSON at line 1")]
    public void PositionJson_BadFile_OneLineNamingTheField(string json, string expectedStart)
    {
        CashFlowDataException ex = Should.Throw<CashFlowDataException>(() => RevenuePositionJson.Read(json, "pos.json"));
        ex.Message.ShouldStartWith(expectedStart);
        ex.Message.ShouldNotContain('\n');
    }

    [Fact]
    public void DemoGenerator_IsDeterministicRegularAndShaped()
    {
        CashFlowSeries a = CashFlowDemoGenerator.Royalties(Start, 60);
        CashFlowSeries b = CashFlowDemoGenerator.Royalties(Start, 60);
        a.Amounts.ToArray().ShouldBe(b.Amounts.ToArray());
        a.Period.ShouldBe(new CashFlowPeriod(1, 0));
        CashFlowDemoGenerator.Royalties(Start, 60, seed: 1).Amounts.ToArray().ShouldNotBe(a.Amounts.ToArray());
        a.Amounts.ToArray().ShouldAllBe(x => x > 0);

        // Decay: the fifth year earns about 0.85⁴ ≈ 52% of the first.
        double first = a.Amounts[..12].ToArray().Sum(), fifth = a.Amounts[48..60].ToArray().Sum();
        (fifth / first).ShouldBeInRange(0.40, 0.65);

        // Rent: vacancies make some months lower than full occupancy; escalation 3% a year; purchase first.
        CashFlowSeries rent = CashFlowDemoGenerator.Rent(Start, 48, new RentDemoOptions { PurchasePrice = 2_000_000 });
        rent.Amounts[0].ShouldBe(-2_000_000);
        rent.Period.ShouldBe(new CashFlowPeriod(1, 0));
        rent.Amounts[1..13].ToArray().ShouldAllBe(x => x <= 20_000);
        rent.Amounts[1..13].ToArray().ShouldContain(x => x < 20_000);
        rent.Amounts[37..].ToArray().Max().ShouldBe(20_000 * Math.Pow(1.03, 3), 0.01);
    }
}
