namespace NftCollateral.Sdk.Lending.Ltv;

/// <summary>
/// A base LTV on the floor with a rarity multiplier on top: <c>borrow limit = floor × multiplier × LTV</c> (floor 10 ETH,
/// LTV 50%, multiplier 1.5 → 7.5 ETH).
/// </summary>
/// <remarks>
/// The multiplier is the context's <see cref="CollateralContext.RarityMultiplier"/> when given; otherwise the appraisal's
/// value over the floor, kept within [1, <see cref="MaxMultiplier"/>] (a rare token never counts for less than the floor,
/// and no single appraisal lifts it beyond the cap).
/// </remarks>
public sealed class RarityMultiplierLtvModel : ILoanToValueModel
{
    /// <summary>Initializes a new instance of the <see cref="RarityMultiplierLtvModel"/> class.</summary>
    /// <param name="baseLtv">The LTV on the multiplied floor, in (0, 1).</param>
    /// <param name="liquidationThreshold">The liquidation threshold, in [<paramref name="baseLtv"/>, 1].</param>
    /// <param name="maxMultiplier">The largest multiplier derived from an appraisal (at least 1; default 5).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public RarityMultiplierLtvModel(decimal baseLtv, decimal liquidationThreshold, decimal maxMultiplier = 5m)
    {
        LtvChecks.Fraction(baseLtv, nameof(baseLtv));
        LtvChecks.Threshold(liquidationThreshold, baseLtv, nameof(liquidationThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMultiplier, 1m);
        BaseLtv = baseLtv;
        LiquidationThreshold = liquidationThreshold;
        MaxMultiplier = maxMultiplier;
    }

    /// <inheritdoc/>
    public string Name => "rarity";

    /// <summary>Gets the LTV on the multiplied floor.</summary>
    public decimal BaseLtv { get; }

    /// <summary>Gets the liquidation threshold.</summary>
    public decimal LiquidationThreshold { get; }

    /// <summary>Gets the largest multiplier derived from an appraisal.</summary>
    public decimal MaxMultiplier { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The context has neither a multiplier nor an appraisal, or the multiplier is not positive.</exception>
    public LoanToValueResult Evaluate(CollateralContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Validate();
        var reasoning = new List<string>();
        decimal multiplier;
        if (context.RarityMultiplier is decimal given)
        {
            if (given <= 0)
            {
                throw new ArgumentException($"The rarity multiplier must be positive, not {given}.", nameof(context));
            }

            multiplier = given;
            reasoning.Add(LoanToValueResult.Inv($"rarity multiplier {multiplier:0.####} (given)"));
        }
        else if (context.Appraisal is { } appraisal)
        {
            decimal raw = appraisal.ValueEth / context.FloorEth;
            multiplier = Math.Clamp(raw, 1m, MaxMultiplier);
            reasoning.Add(LoanToValueResult.Inv($"rarity multiplier = appraisal {appraisal.ValueEth:0.####} ETH / floor {context.FloorEth:0.####} ETH = {raw:0.####}, kept within [1, {MaxMultiplier:0.##}] → {multiplier:0.####}"));
        }
        else
        {
            throw new ArgumentException("The rarity model needs a rarity multiplier or an appraisal.", nameof(context));
        }

        decimal value = context.FloorEth * multiplier;
        reasoning.Add(LoanToValueResult.Inv($"value = floor {context.FloorEth:0.####} ETH × {multiplier:0.####} = {value:0.####} ETH; base LTV {BaseLtv:0.####}, liquidation threshold {LiquidationThreshold:0.####}"));
        return LoanToValueResult.Create(Name, value, BaseLtv, LiquidationThreshold, reasoning);
    }
}
