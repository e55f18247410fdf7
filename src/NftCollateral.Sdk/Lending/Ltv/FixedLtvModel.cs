namespace NftCollateral.Sdk.Lending.Ltv;

/// <summary>A fixed LTV on the collection floor, whatever the token: the simplest lending rule.</summary>
/// <remarks>
/// <see cref="BlueChip"/> (40% LTV, 80% liquidation threshold) and <see cref="Standard"/> (30% / 80%) are BendDAO's live
/// parameters before governance vote BIP#15 (Nov 2022) for BAYC and CryptoPunks, and for the other blue chips
/// (<c>shared/specs/lending.md</c> §10).
/// </remarks>
public sealed class FixedLtvModel : ILoanToValueModel
{
    /// <summary>Initializes a new instance of the <see cref="FixedLtvModel"/> class.</summary>
    /// <param name="maxLtv">The LTV on the floor, in (0, 1).</param>
    /// <param name="liquidationThreshold">The liquidation threshold, in [<paramref name="maxLtv"/>, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is out of range.</exception>
    public FixedLtvModel(decimal maxLtv, decimal liquidationThreshold)
    {
        LtvChecks.Fraction(maxLtv, nameof(maxLtv));
        LtvChecks.Threshold(liquidationThreshold, maxLtv, nameof(liquidationThreshold));
        MaxLtv = maxLtv;
        LiquidationThreshold = liquidationThreshold;
    }

    /// <summary>Gets the blue-chip tier: 40% LTV, 80% liquidation threshold.</summary>
    public static FixedLtvModel BlueChip { get; } = new(0.40m, 0.80m);

    /// <summary>Gets the standard tier: 30% LTV, 80% liquidation threshold.</summary>
    public static FixedLtvModel Standard { get; } = new(0.30m, 0.80m);

    /// <inheritdoc/>
    public string Name => "fixed";

    /// <summary>Gets the LTV on the floor.</summary>
    public decimal MaxLtv { get; }

    /// <summary>Gets the liquidation threshold.</summary>
    public decimal LiquidationThreshold { get; }

    /// <inheritdoc/>
    public LoanToValueResult Evaluate(CollateralContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Validate();
        var reasoning = new List<string>
        {
            LoanToValueResult.Inv($"value = the floor, {context.FloorEth:0.####} ETH (traits and appraisal not used)"),
            LoanToValueResult.Inv($"fixed LTV {MaxLtv:0.####}, liquidation threshold {LiquidationThreshold:0.####}"),
        };
        return LoanToValueResult.Create(Name, context.FloorEth, MaxLtv, LiquidationThreshold, reasoning);
    }
}

/// <summary>Argument checks shared by the LTV models.</summary>
internal static class LtvChecks
{
    public static void Fraction(decimal value, string name)
    {
        if (value <= 0 || value >= 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a fraction in (0, 1).");
        }
    }

    public static void Threshold(decimal threshold, decimal ltv, string name)
    {
        if (threshold < ltv || threshold > 1)
        {
            throw new ArgumentOutOfRangeException(name, threshold, $"{name} must be in [{ltv}, 1] (not below the LTV).");
        }
    }
}
