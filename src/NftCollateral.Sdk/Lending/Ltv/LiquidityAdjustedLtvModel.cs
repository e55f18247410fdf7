using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Lending.Ltv;

/// <summary>
/// A base LTV on the appraised value, cut by a liquidity haircut that grows with the order book's spread and the days
/// needed to sell the position: <c>max LTV = base × (1 − haircut)</c>, <c>threshold = base threshold × (1 − haircut)</c>.
/// </summary>
/// <remarks>
/// The haircut is <see cref="LiquidityHaircutPolicy"/>'s: 100 bps per point of spread above 15% plus 100 bps per day to
/// liquidate beyond the first, capped at 1,500 bps by default. Days to liquidate = position size / sales per day.
/// </remarks>
public sealed class LiquidityAdjustedLtvModel : ILoanToValueModel
{
    /// <summary>Initializes a new instance of the <see cref="LiquidityAdjustedLtvModel"/> class.</summary>
    /// <param name="baseLtv">The LTV before the haircut, in (0, 1).</param>
    /// <param name="liquidationThreshold">The liquidation threshold before the haircut, in [<paramref name="baseLtv"/>, 1].</param>
    /// <param name="policy">The haircut policy; <see cref="LiquidityHaircutPolicy.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is out of range.</exception>
    public LiquidityAdjustedLtvModel(decimal baseLtv, decimal liquidationThreshold, LiquidityHaircutPolicy? policy = null)
    {
        LtvChecks.Fraction(baseLtv, nameof(baseLtv));
        LtvChecks.Threshold(liquidationThreshold, baseLtv, nameof(liquidationThreshold));
        BaseLtv = baseLtv;
        LiquidationThreshold = liquidationThreshold;
        Policy = policy ?? LiquidityHaircutPolicy.Default;
    }

    /// <inheritdoc/>
    public string Name => "liquidity";

    /// <summary>Gets the LTV before the haircut.</summary>
    public decimal BaseLtv { get; }

    /// <summary>Gets the liquidation threshold before the haircut.</summary>
    public decimal LiquidationThreshold { get; }

    /// <summary>Gets the haircut policy.</summary>
    public LiquidityHaircutPolicy Policy { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The context has neither sales per day nor a spread.</exception>
    public LoanToValueResult Evaluate(CollateralContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Validate();
        if (context.SalesPerDay is null && context.Spread is null)
        {
            throw new ArgumentException("The liquidity model needs the collection's sales per day, its order book spread, or both.", nameof(context));
        }

        var reasoning = new List<string>
        {
            LoanToValueResult.Inv($"value = {(context.Appraisal is null ? "the floor" : "the appraisal")}, {context.ValueEth:0.####} ETH"),
        };
        LiquidationTime? time = context.SalesPerDay is decimal perDay ? Market.Liquidity.DaysToLiquidate(context.PositionSize, perDay) : null;
        if (time is not null)
        {
            reasoning.Add(LoanToValueResult.Inv($"days to liquidate {time.PositionSize} token(s) at {time.SalesPerDay:0.####} sales per day = {time.Days:0.####}"));
        }

        if (context.Spread is { } spread)
        {
            reasoning.Add(LoanToValueResult.Inv($"spread = (ask {spread.BestAskEth:0.####} − bid {spread.BestBidEth:0.####}) / ask = {spread.Spread:0.####}"));
        }

        LiquidityHaircut haircut = Policy.Evaluate(context.Spread, time);
        decimal keep = 1 - (haircut.HaircutBps / 10_000m);
        reasoning.Add(LoanToValueResult.Inv($"haircut {haircut.HaircutBps:0.##} bps (spread term {haircut.SpreadBps?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "not evaluated"}, days term {haircut.DaysBps?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "not evaluated"}{(haircut.Capped ? ", capped" : string.Empty)})"));
        decimal maxLtv = BaseLtv * keep;
        decimal threshold = LiquidationThreshold * keep;
        reasoning.Add(LoanToValueResult.Inv($"max LTV = {BaseLtv:0.####} × (1 − {haircut.HaircutBps / 10_000m:0.####}) = {maxLtv:0.####}; threshold = {LiquidationThreshold:0.####} × (1 − {haircut.HaircutBps / 10_000m:0.####}) = {threshold:0.####}"));
        return LoanToValueResult.Create(Name, context.ValueEth, maxLtv, threshold, reasoning);
    }
}
