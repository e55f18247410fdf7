using System.Globalization;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>How a revenue-backed loan accrues interest.</summary>
public enum InterestCompounding
{
    /// <summary>Simple interest on actual/365: <c>principal × rate × days / 365</c>.</summary>
    Simple = 0,

    /// <summary>Annual compounding on actual/365: <c>principal × ((1 + rate)^(days / 365) − 1)</c>.</summary>
    Annual = 1,
}

/// <summary>The loan against a revenue-sharing NFT, in the position's currency.</summary>
public sealed record RevenueLoan
{
    /// <summary>Gets the principal; positive.</summary>
    public required double Principal { get; init; }

    /// <summary>Gets the annual interest rate as a fraction (0.08 = 8%); not negative.</summary>
    public required double AnnualRate { get; init; }

    /// <summary>Gets the day the loan started (interest accrues from it).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Gets how interest accrues (default <see cref="InterestCompounding.Simple"/>).</summary>
    public InterestCompounding Compounding { get; init; } = InterestCompounding.Simple;

    /// <summary>Gets the accrued interest to use instead of computing it (a lender's figure at one date), or <see langword="null"/> to compute it.</summary>
    public double? AccruedInterest { get; init; }

    /// <summary>The debt on <paramref name="asOf"/>: principal plus accrued interest.</summary>
    /// <param name="asOf">The day; not before <see cref="Start"/>.</param>
    /// <returns>The debt.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the start.</exception>
    public double DebtAt(DateOnly asOf)
    {
        Validate();
        if (asOf < Start)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"The as-of date {CashFlowSeries.Iso(asOf)} is before the loan's start {CashFlowSeries.Iso(Start)}.");
        }

        if (AccruedInterest is double accrued)
        {
            return Principal + accrued;
        }

        double years = (asOf.DayNumber - Start.DayNumber) / CashFlowMath.DaysPerYear;
        return Compounding == InterestCompounding.Annual
            ? Principal * Math.Pow(1 + AnnualRate, years)
            : Principal * (1 + (AnnualRate * years));
    }

    /// <summary>Checks the figures.</summary>
    /// <exception cref="ArgumentException">The principal is not positive, the rate or accrued interest is negative, or a figure is not finite.</exception>
    public void Validate()
    {
        if (!(Principal > 0) || !double.IsFinite(Principal))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The loan principal must be positive and finite, not {Principal}."), nameof(Principal));
        }

        if (!(AnnualRate >= 0) || !double.IsFinite(AnnualRate))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The loan rate must be finite and not negative, not {AnnualRate}."), nameof(AnnualRate));
        }

        if (AccruedInterest is double a && (!(a >= 0) || !double.IsFinite(a)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The accrued interest must be finite and not negative, not {a}."), nameof(AccruedInterest));
        }
    }
}

/// <summary>A dated value of the collateral (an appraisal, a floor, a last sale).</summary>
/// <param name="Date">The day.</param>
/// <param name="Value">The value in the position's currency; finite, not negative.</param>
public readonly record struct MarketValue(DateOnly Date, double Value);

/// <summary>How the position's revenue is valued and projected.</summary>
public sealed record RevenueValuation
{
    /// <summary>Gets the annual discount rate of the cash-flow valuation (used when no market value is known), or <see langword="null"/>.</summary>
    public double? DiscountRate { get; init; }

    /// <summary>Gets the annual growth of the revenue in projections and in the Gordon value (default 0: flat).</summary>
    public double Growth { get; init; }

    /// <summary>Gets the years projected after the as-of date for the projected IRR (default 5).</summary>
    public int ProjectionYears { get; init; } = 5;
}

/// <summary>Market data for the liquidity rule, turned into a <see cref="LiquidityHaircut"/> by the market-data metrics.</summary>
public sealed record LiquidityInput
{
    /// <summary>Gets the best ask (lowest listing), or <see langword="null"/> without an order book.</summary>
    public decimal? BestAsk { get; init; }

    /// <summary>Gets the best bid (highest offer), or <see langword="null"/> without an order book.</summary>
    public decimal? BestBid { get; init; }

    /// <summary>Gets the sales per day of the collection or market, or <see langword="null"/> without a sales history.</summary>
    public decimal? SalesPerDay { get; init; }

    /// <summary>Gets the number of tokens to sell (default 1).</summary>
    public int PositionSize { get; init; } = 1;

    /// <summary>Gets the largest share of a day's sales the seller takes, in (0, 1] (default 1).</summary>
    public decimal ParticipationRate { get; init; } = 1m;

    /// <summary>Computes the haircut with <see cref="Liquidity.Spread"/>, <see cref="Liquidity.DaysToLiquidate(int, decimal, decimal)"/> and the policy.</summary>
    /// <param name="policy">The haircut policy; <see langword="null"/> for <see cref="LiquidityHaircutPolicy.Default"/>.</param>
    /// <returns>The haircut.</returns>
    /// <exception cref="InvalidOperationException">Only one of the best ask and best bid is given.</exception>
    /// <exception cref="ArgumentException">Neither an order book nor a sales rate is given, or a figure is out of range.</exception>
    /// <exception cref="OrderBookDataException">The bid is above the ask.</exception>
    public LiquidityHaircut Evaluate(LiquidityHaircutPolicy? policy = null)
    {
        if ((BestAsk is null) != (BestBid is null))
        {
            throw new InvalidOperationException("An order book needs both the best ask and the best bid.");
        }

        SpreadResult? spread = BestAsk is decimal ask && BestBid is decimal bid
            ? Liquidity.Spread(new OrderBookSnapshot(DateTimeOffset.UnixEpoch, [new PriceLevel(ask)], [new PriceLevel(bid)]))
            : null;
        LiquidationTime? time = SalesPerDay is decimal rate ? Liquidity.DaysToLiquidate(PositionSize, rate, ParticipationRate) : null;
        return (policy ?? LiquidityHaircutPolicy.Default).Evaluate(spread, time);
    }
}

/// <summary>
/// A loan against a revenue-sharing NFT with what the exit rules need to judge it: the loan, the asset class (and any
/// preset overrides), the borrower's WACC, the purchase, how the collateral is valued, and market data. The JSON form
/// is read by <see cref="RevenuePositionJson"/>; see <c>docs/cashflows.md</c>.
/// </summary>
public sealed record RevenuePosition
{
    /// <summary>Gets the position's name.</summary>
    public string Name { get; init; } = "position";

    /// <summary>Gets the asset class, which selects the default preset.</summary>
    public required AssetClass AssetClass { get; init; }

    /// <summary>Gets the loan.</summary>
    public required RevenueLoan Loan { get; init; }

    /// <summary>Gets the borrower's WACC as a fraction, or <see langword="null"/> when unknown (the IRR rule is then not evaluated).</summary>
    public double? Wacc { get; init; }

    /// <summary>Gets the purchase of the NFT (date and a negative amount), added to the revenue flows for the projected IRR; <see langword="null"/> when the revenue file holds it.</summary>
    public CashFlow? Purchase { get; init; }

    /// <summary>Gets a current appraisal used at every date when no market value is known, or <see langword="null"/>.</summary>
    public double? CollateralValue { get; init; }

    /// <summary>Gets the collateral's value history, in date order (may be empty).</summary>
    public IReadOnlyList<MarketValue> MarketValues { get; init; } = [];

    /// <summary>Gets how the revenue is valued and projected.</summary>
    public RevenueValuation Valuation { get; init; } = new();

    /// <summary>Gets the preset overriding the asset class's default, or <see langword="null"/> for <see cref="CollateralPreset.For"/>.</summary>
    public CollateralPreset? Preset { get; init; }

    /// <summary>Gets market data for the liquidity rule, or <see langword="null"/>.</summary>
    public LiquidityInput? Liquidity { get; init; }

    /// <summary>Gets the exit-rule thresholds of this position, or <see langword="null"/> for the defaults.</summary>
    public ExitRuleOptions? Rules { get; init; }

    /// <summary>Gets the preset in force: <see cref="Preset"/> or the asset class's default.</summary>
    public CollateralPreset EffectivePreset => Preset ?? CollateralPreset.For(AssetClass);
}
