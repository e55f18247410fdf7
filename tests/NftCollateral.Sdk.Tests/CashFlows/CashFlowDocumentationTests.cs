using NftCollateral.Sdk.CashFlows;
using NftCollateral.Sdk.CashFlows.ExitRules;

namespace NftCollateral.Sdk.Tests.CashFlows;

/// <summary>The example of docs/cashflows.md, compiled and run.</summary>
public sealed class CashFlowDocumentationTests
{
    [Fact]
    public void CashflowsDocExample_ValuesReplaysAndDecides()
    {
        CashFlowSeries royalties = CashFlowDemoGenerator.Royalties(new DateOnly(2020, 1, 31), 120,
            new RoyaltyDemoOptions { PurchasePrice = 1_200_000 });

        IrrResult xirr = CashFlowMath.Xirr(royalties);
        IrrResult monthly = CashFlowMath.Irr(royalties);

        var position = new RevenuePosition
        {
            AssetClass = AssetClass.MusicCatalog,
            Loan = new RevenueLoan { Principal = 600_000, AnnualRate = 0.08, Start = new DateOnly(2020, 1, 31) },
            Wacc = 0.09,
            Valuation = new RevenueValuation { DiscountRate = 0.10 },
        };
        var builder = new ExitContextBuilder(position, royalties);
        ExitRuleEngine engine = ExitRuleEngine.CreateDefault();

        ExitDecision now = engine.Evaluate(builder.Build(royalties.LastDate));
        ExitBacktest replay = engine.Backtest(builder);
        DateOnly? firstUnwind = replay.FirstFired["collateral-threshold"];

        // The purchase is never paid back by a catalog decaying 15% a year: both IRRs are negative and agree.
        xirr.Rate!.Value.ShouldBeLessThan(0);
        royalties.Period!.Value.Annualise(monthly.Rate!.Value).ShouldBe(xirr.Rate.Value, 0.01);
        now.Action.ShouldBe(ExitAction.Unwind);
        firstUnwind.ShouldNotBeNull();
        firstUnwind!.Value.ShouldBeLessThan(royalties.LastDate);
    }
}
