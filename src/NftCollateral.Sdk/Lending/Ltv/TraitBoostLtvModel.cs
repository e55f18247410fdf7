namespace NftCollateral.Sdk.Lending.Ltv;

/// <summary>A trait that raises the credit and liquidation rates (a JPEG'd-style boost).</summary>
/// <param name="TraitType">The trait type (matched ignoring case and surrounding spaces).</param>
/// <param name="Value">The value (matched ignoring case and surrounding spaces).</param>
/// <param name="CreditIncrease">Added to the credit limit rate.</param>
/// <param name="LiquidationIncrease">Added to the liquidation limit rate.</param>
public sealed record TraitBoost(string TraitType, string Value, decimal CreditIncrease, decimal LiquidationIncrease);

/// <summary>A trait that multiplies the floor to value a token (JPEG'd's per-type value multiplier).</summary>
/// <param name="TraitType">The trait type (matched ignoring case and surrounding spaces).</param>
/// <param name="Value">The value (matched ignoring case and surrounding spaces).</param>
/// <param name="Multiplier">The multiple of the floor the token is valued at (positive).</param>
public sealed record TraitValueMultiplier(string TraitType, string Value, decimal Multiplier);

/// <summary>
/// JPEG'd-style limits: <c>credit limit = min(cap, base + boosts) × value</c> and the same for the liquidation limit, where
/// value = floor × the type multiplier of the token's trait (or the floor when none applies).
/// </summary>
/// <remarks>
/// JPEG'd (<c>shared/specs/lending.md</c> §4, §10): <c>NFTValueProvider</c> values an NFT at
/// <c>nftTypeValueMultiplier[type] × floor</c> and its rates are the base plus the active increases, capped. Published
/// CryptoPunks vault: base 32% / 33% at launch; after PIP-58 base 60% / 70% with at most +10 points (70% / 80%). When
/// several multipliers match, the largest is taken.
/// </remarks>
public sealed class TraitBoostLtvModel : ILoanToValueModel
{
    /// <summary>Initializes a new instance of the <see cref="TraitBoostLtvModel"/> class.</summary>
    /// <param name="baseCreditRate">The base credit limit rate, in (0, 1).</param>
    /// <param name="baseLiquidationRate">The base liquidation limit rate, in [<paramref name="baseCreditRate"/>, 1].</param>
    /// <param name="creditRateCap">The largest credit limit rate, in [<paramref name="baseCreditRate"/>, 1).</param>
    /// <param name="liquidationRateCap">The largest liquidation limit rate, in [<paramref name="creditRateCap"/>, 1].</param>
    /// <param name="boosts">The trait boosts.</param>
    /// <param name="valueMultipliers">The trait value multipliers (may be empty).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range.</exception>
    /// <exception cref="ArgumentNullException">A list is <see langword="null"/>.</exception>
    public TraitBoostLtvModel(
        decimal baseCreditRate,
        decimal baseLiquidationRate,
        decimal creditRateCap,
        decimal liquidationRateCap,
        IReadOnlyList<TraitBoost> boosts,
        IReadOnlyList<TraitValueMultiplier>? valueMultipliers = null)
    {
        LtvChecks.Fraction(baseCreditRate, nameof(baseCreditRate));
        LtvChecks.Threshold(baseLiquidationRate, baseCreditRate, nameof(baseLiquidationRate));
        if (creditRateCap < baseCreditRate || creditRateCap >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(creditRateCap), creditRateCap, "creditRateCap must be in [baseCreditRate, 1).");
        }

        LtvChecks.Threshold(liquidationRateCap, creditRateCap, nameof(liquidationRateCap));
        if (liquidationRateCap < baseLiquidationRate)
        {
            throw new ArgumentOutOfRangeException(nameof(liquidationRateCap), liquidationRateCap, "liquidationRateCap must not be below baseLiquidationRate.");
        }

        ArgumentNullException.ThrowIfNull(boosts);
        foreach (TraitBoost boost in boosts)
        {
            ArgumentNullException.ThrowIfNull(boost, nameof(boosts));
            if (boost.CreditIncrease < 0 || boost.LiquidationIncrease < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(boosts), "A boost must not lower a rate.");
            }
        }

        valueMultipliers ??= [];
        foreach (TraitValueMultiplier m in valueMultipliers)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(valueMultipliers));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m.Multiplier, nameof(valueMultipliers));
        }

        BaseCreditRate = baseCreditRate;
        BaseLiquidationRate = baseLiquidationRate;
        CreditRateCap = creditRateCap;
        LiquidationRateCap = liquidationRateCap;
        Boosts = boosts;
        ValueMultipliers = valueMultipliers;
    }

    /// <inheritdoc/>
    public string Name => "trait-boost";

    /// <summary>Gets the base credit limit rate.</summary>
    public decimal BaseCreditRate { get; }

    /// <summary>Gets the base liquidation limit rate.</summary>
    public decimal BaseLiquidationRate { get; }

    /// <summary>Gets the credit limit rate cap.</summary>
    public decimal CreditRateCap { get; }

    /// <summary>Gets the liquidation limit rate cap.</summary>
    public decimal LiquidationRateCap { get; }

    /// <summary>Gets the trait boosts.</summary>
    public IReadOnlyList<TraitBoost> Boosts { get; }

    /// <summary>Gets the trait value multipliers.</summary>
    public IReadOnlyList<TraitValueMultiplier> ValueMultipliers { get; }

    /// <inheritdoc/>
    public LoanToValueResult Evaluate(CollateralContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Validate();
        var reasoning = new List<string>();
        decimal multiplier = 1m;
        foreach (TraitValueMultiplier m in ValueMultipliers)
        {
            if (Holds(context, m.TraitType, m.Value) && m.Multiplier > multiplier)
            {
                multiplier = m.Multiplier;
                reasoning.Add(LoanToValueResult.Inv($"value multiplier {m.Multiplier:0.####} for {m.TraitType}: {m.Value}"));
            }
        }

        decimal value = context.FloorEth * multiplier;
        reasoning.Add(LoanToValueResult.Inv($"value = floor {context.FloorEth:0.####} ETH × {multiplier:0.####} = {value:0.####} ETH"));
        decimal credit = BaseCreditRate;
        decimal liquidation = BaseLiquidationRate;
        foreach (TraitBoost boost in Boosts)
        {
            if (Holds(context, boost.TraitType, boost.Value))
            {
                credit += boost.CreditIncrease;
                liquidation += boost.LiquidationIncrease;
                reasoning.Add(LoanToValueResult.Inv($"boost for {boost.TraitType}: {boost.Value}: credit +{boost.CreditIncrease:0.####}, liquidation +{boost.LiquidationIncrease:0.####}"));
            }
        }

        decimal cappedCredit = Math.Min(CreditRateCap, credit);
        decimal cappedLiquidation = Math.Min(LiquidationRateCap, liquidation);
        reasoning.Add(LoanToValueResult.Inv($"credit rate = min(cap {CreditRateCap:0.####}, base {BaseCreditRate:0.####} + boosts) = {cappedCredit:0.####}; liquidation rate = min(cap {LiquidationRateCap:0.####}, base {BaseLiquidationRate:0.####} + boosts) = {cappedLiquidation:0.####}"));
        return LoanToValueResult.Create(Name, value, cappedCredit, Math.Max(cappedLiquidation, cappedCredit), reasoning);
    }

    private static bool Holds(CollateralContext context, string traitType, string value)
    {
        foreach (TokenTrait trait in context.Traits)
        {
            if (string.Equals(trait.TraitType.Trim(), traitType.Trim(), StringComparison.OrdinalIgnoreCase)
                && string.Equals(trait.Value.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
