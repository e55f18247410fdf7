namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Asks for more collateral when the collateral ratio is below the preset's maintenance level
/// (<see cref="CollateralPreset.MinRatio"/>: 150% for music catalogs, 130% for REIT-like NFTs): fires when <c>ratio &lt; MinRatio</c>.
/// </summary>
public sealed class OverCollateralizationRule : IExitRule
{
    /// <inheritdoc/>
    public string Name => "over-collateralization";

    /// <inheritdoc/>
    public ExitVerdict Evaluate(ExitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double ratio = Figures.Ratio(context.CollateralRatio);
        double minimum = context.Preset.MinRatio;
        string level = $"the {AssetClasses.ToName(context.Preset.AssetClass)} maintenance level of {Figures.Percent(minimum)}";
        if (ratio < minimum)
        {
            double shortfall = (context.Debt * minimum) - context.CollateralValue;
            return new ExitVerdict(Name, true, true, ExitAction.AddCollateral, $"collateral ratio {Figures.Percent(ratio)} is below {level}: add {Figures.Amount(shortfall)} of collateral value (after the haircut)");
        }

        return new ExitVerdict(Name, true, false, ExitAction.Keep, $"collateral ratio {Figures.Percent(ratio)} meets {level}");
    }
}
