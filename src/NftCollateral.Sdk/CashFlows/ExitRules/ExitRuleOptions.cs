using System.Globalization;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// The thresholds of the built-in exit rules. Defaults are issue 8's seed figures where it gives one (120%, 200 bp,
/// 90–180 days) and stated SDK defaults elsewhere.
/// </summary>
public sealed record ExitRuleOptions
{
    /// <summary>Gets the default options.</summary>
    public static ExitRuleOptions Default { get; } = new();

    /// <summary>Gets the collateral ratio at or below which an orderly unwind starts (default 1.20: the seed's 120% of the loan including accrued interest).</summary>
    public double UnwindRatio { get; init; } = 1.20;

    /// <summary>Gets how far, in basis points, the projected IRR may fall below the WACC before the position is exited (default 200: exit when more than 200 bp below).</summary>
    public double IrrShortfallBps { get; init; } = 200;

    /// <summary>Gets the days of multiple compression after which the rule asks for more collateral (default 90: the seed's exit window opens).</summary>
    public int CompressionAddCollateralDays { get; init; } = 90;

    /// <summary>Gets the days of multiple compression after which the rule unwinds (default 180: the seed's exit window closes).</summary>
    public int CompressionUnwindDays { get; init; } = 180;

    /// <summary>Gets the RSI of the revenue stream below which the signal rule raises the buffer (default 30, the customary oversold line; SDK default).</summary>
    public double RsiBelow { get; init; } = 30;

    /// <summary>Gets how much a turned signal raises the required over-collateralization (default 0.10 = 10 percentage points; SDK default).</summary>
    public double SignalBufferIncrease { get; init; } = 0.10;

    /// <summary>Gets the RSI period of the revenue signals (default 14, Wilder's).</summary>
    public int RsiPeriod { get; init; } = 14;

    /// <summary>Gets how many earlier observations a revenue high is compared with for a MACD divergence (default 6; SDK default).</summary>
    public int DivergenceLookback { get; init; } = 6;

    /// <summary>Gets how many of the latest observations are searched for a bearish MACD divergence (default 3; SDK default).</summary>
    public int DivergenceRecent { get; init; } = 3;

    /// <summary>Checks the figures.</summary>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    public void Validate()
    {
        if (!double.IsFinite(UnwindRatio) || UnwindRatio <= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"UnwindRatio must be positive and finite, not {UnwindRatio}."), nameof(UnwindRatio));
        }

        if (!double.IsFinite(IrrShortfallBps) || IrrShortfallBps < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"IrrShortfallBps must be finite and not negative, not {IrrShortfallBps}."), nameof(IrrShortfallBps));
        }

        if (CompressionAddCollateralDays < 0 || CompressionUnwindDays < CompressionAddCollateralDays)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Compression days need 0 <= add-collateral ({CompressionAddCollateralDays}) <= unwind ({CompressionUnwindDays})."), nameof(CompressionUnwindDays));
        }

        if (!(RsiBelow >= 0 && RsiBelow <= 100))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"RsiBelow must be in [0, 100], not {RsiBelow}."), nameof(RsiBelow));
        }

        if (RsiPeriod < 1 || DivergenceLookback < 1 || DivergenceRecent < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"RsiPeriod ({RsiPeriod}), DivergenceLookback ({DivergenceLookback}) and DivergenceRecent ({DivergenceRecent}) must be at least 1."), nameof(RsiPeriod));
        }

        if (!double.IsFinite(SignalBufferIncrease) || SignalBufferIncrease < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"SignalBufferIncrease must be finite and not negative, not {SignalBufferIncrease}."), nameof(SignalBufferIncrease));
        }
    }
}
