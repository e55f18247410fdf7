using System.Globalization;
using NftCollateral.Sdk.CashFlows.Signals;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Builds the <see cref="ExitContext"/> of a position at any date from its revenue history, using only the data known on
/// that date (no look-ahead), so that a replay shows when each rule would have fired.
/// </summary>
/// <remarks>
/// <para>At an as-of date t:</para>
/// <list type="bullet">
/// <item><b>Trailing revenue</b> (TTM): the amounts received in <c>(t − 365 days, t]</c>.</item>
/// <item><b>Appraised value</b>: the latest market value on or before t; else the position's collateral value; else the
/// cash-flow valuation <c>Gordon(TTM × (1 + g), d, g)</c> with the position's discount rate d and growth g, which needs a full
/// year of revenue before t.</item>
/// <item><b>Debt</b>: <see cref="RevenueLoan.DebtAt"/>.</item>
/// <item><b>Projected IRR</b> (annual, XIRR): the purchase, the revenue flows up to t, then TTM × (1 + g)^k at t + k years for
/// k = 1..H, and the appraised value × (1 + g)^H at t + H years (the value assumed to grow with the revenue). Without an
/// outlay there is no sign change and the IRR is undefined, so the IRR rule is not evaluated.</item>
/// <item><b>Multiple compression</b>: at each market value dated at least a year after the first revenue date with a
/// positive TTM, multiple = value / TTM; a multiple is below average when it is below the mean of the multiples before it.
/// The run of such observations ending at the latest one gives <see cref="MultipleCompressionState.CompressedSince"/>.</item>
/// <item><b>Signals</b>: on the received amounts (negatives as 0) from the first receipt up to t, one observation per date:
/// the latest RSI, and whether one of the latest <see cref="ExitRuleOptions.DivergenceRecent"/> observations shows a bearish
/// divergence between revenue and its MACD(12, 26, 9) line.</item>
/// <item><b>Liquidity</b>: the position's <see cref="LiquidityInput"/>, the same at every date (a snapshot).</item>
/// </list>
/// </remarks>
public sealed class ExitContextBuilder
{
    private readonly RevenuePosition position;
    private readonly CashFlowSeries revenue;
    private readonly ExitRuleOptions options;
    private readonly CollateralPreset preset;
    private readonly LiquidityHaircut? liquidity;

    /// <summary>Initializes a new instance of the <see cref="ExitContextBuilder"/> class.</summary>
    /// <param name="position">The position.</param>
    /// <param name="revenue">Its revenue (and any other cash flows) history.</param>
    /// <exception cref="ArgumentException">
    /// A figure of the position is out of range: the loan, a WACC of −100% or less, the preset, the rule options, market
    /// values out of order or negative, a growth not below the discount rate, or no way to value the collateral.
    /// </exception>
    public ExitContextBuilder(RevenuePosition position, CashFlowSeries revenue)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(revenue);
        ArgumentNullException.ThrowIfNull(position.Loan);
        position.Loan.Validate();
        if (position.Wacc is double wacc && (!(wacc > -1) || !double.IsFinite(wacc)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A WACC of {wacc:P2} is not a cost of capital: it must be above -100%."), nameof(position));
        }

        preset = position.EffectivePreset;
        preset.Validate();
        options = CollateralThresholdRule.Checked(position.Rules);
        for (int i = 0; i < position.MarketValues.Count; i++)
        {
            MarketValue mv = position.MarketValues[i];
            if (!(mv.Value >= 0) || !double.IsFinite(mv.Value) || (i > 0 && mv.Date <= position.MarketValues[i - 1].Date))
            {
                throw new ArgumentException($"Market value {i} ({CashFlowSeries.Iso(mv.Date)}) must be finite, not negative, and dated after the previous one.", nameof(position));
            }
        }

        if (position.CollateralValue is double cv && (!(cv >= 0) || !double.IsFinite(cv)))
        {
            throw new ArgumentException("The collateral value must be finite and not negative.", nameof(position));
        }

        RevenueValuation valuation = position.Valuation ?? new RevenueValuation();
        if (!double.IsFinite(valuation.Growth) || valuation.Growth <= -1 || valuation.ProjectionYears is < 1 or > 100)
        {
            throw new ArgumentException("The valuation growth must be finite and above -100%, and the projection 1 to 100 years.", nameof(position));
        }

        if (valuation.DiscountRate is double d)
        {
            CashFlowMath.CheckRate(d, nameof(position));
            if (valuation.Growth >= d)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The revenue growth ({valuation.Growth:R}) must be below the discount rate ({d:R}) for the cash-flow valuation."), nameof(position));
            }
        }
        else if (position.MarketValues.Count == 0 && position.CollateralValue is null)
        {
            throw new ArgumentException("The position has no way to value the collateral: give marketValues, collateralValue or valuation.discountRate.", nameof(position));
        }

        if (position.Purchase is { } purchase && !(purchase.Amount < 0))
        {
            throw new ArgumentException("The purchase must be a negative amount (paid out).", nameof(position));
        }

        liquidity = position.Liquidity?.Evaluate();
        this.position = position with { Valuation = valuation };
        this.revenue = revenue;
    }

    /// <summary>Gets the dates a replay uses by default: the revenue dates at least a year after the first one and not before the loan's start.</summary>
    /// <returns>The dates, increasing.</returns>
    public IEnumerable<DateOnly> ReplayDates()
    {
        DateOnly from = revenue.FirstDate.AddDays(365);
        if (position.Loan.Start > from)
        {
            from = position.Loan.Start;
        }

        for (int i = 0; i < revenue.Count; i++)
        {
            if (revenue.Dates[i] >= from)
            {
                yield return revenue.Dates[i];
            }
        }
    }

    /// <summary>Builds the state at <paramref name="asOf"/> from the data known then.</summary>
    /// <param name="asOf">The date; not before the first revenue date or the loan's start.</param>
    /// <returns>The context.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the revenue or the loan starts.</exception>
    /// <exception cref="InsufficientHistoryException">The cash-flow valuation is needed but there is less than a year of revenue before <paramref name="asOf"/>.</exception>
    public ExitContext Build(DateOnly asOf)
    {
        CashFlowSeries history = revenue.Until(asOf)
            ?? throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"The as-of date {CashFlowSeries.Iso(asOf)} is before the first revenue date {CashFlowSeries.Iso(revenue.FirstDate)}.");
        double debt = position.Loan.DebtAt(asOf);
        double ttm = revenue.TrailingReceived(asOf);
        double appraised = Appraise(asOf, ttm);
        return new ExitContext
        {
            AsOf = asOf,
            AppraisedValue = appraised,
            Debt = debt,
            Preset = preset,
            Wacc = position.Wacc,
            ProjectedIrr = ProjectIrr(history, asOf, ttm, appraised),
            MultipleCompression = Compression(asOf),
            Signals = Signals(history),
            Liquidity = liquidity,
        };
    }

    private double Appraise(DateOnly asOf, double ttm)
    {
        for (int i = position.MarketValues.Count - 1; i >= 0; i--)
        {
            if (position.MarketValues[i].Date <= asOf)
            {
                return position.MarketValues[i].Value;
            }
        }

        if (position.CollateralValue is double value)
        {
            return value;
        }

        if (asOf.DayNumber - revenue.FirstDate.DayNumber < 365)
        {
            throw new InsufficientHistoryException(
                $"the cash-flow valuation needs a full year of revenue before {CashFlowSeries.Iso(asOf)}, but the revenue starts {CashFlowSeries.Iso(revenue.FirstDate)} (give collateralValue or marketValues instead)");
        }

        double g = position.Valuation.Growth;
        return CashFlowMath.GordonValue(ttm * (1 + g), position.Valuation.DiscountRate!.Value, g);
    }

    private IrrResult ProjectIrr(CashFlowSeries history, DateOnly asOf, double ttm, double appraised)
    {
        var flows = new List<CashFlow>(history.Count + position.Valuation.ProjectionYears + 2);
        if (position.Purchase is { } purchase && purchase.Date <= asOf)
        {
            flows.Add(purchase);
        }

        for (int i = 0; i < history.Count; i++)
        {
            flows.Add(history[i]);
        }

        double g = position.Valuation.Growth;
        int years = position.Valuation.ProjectionYears;
        for (int k = 1; k <= years; k++)
        {
            double grown = Math.Pow(1 + g, k);
            flows.Add(new CashFlow(asOf.AddYears(k), ttm * grown));
        }

        flows.Add(new CashFlow(asOf.AddYears(years), appraised * Math.Pow(1 + g, years)));
        CashFlowSeries all = CashFlowSeries.Create(flows, DuplicateDatePolicy.Sum);
        return CashFlowMath.Xirr(all);
    }

    private MultipleCompressionState? Compression(DateOnly asOf)
    {
        double sum = 0;
        int count = 0;
        double current = 0;
        double average = 0;
        DateOnly? runStart = null;
        foreach (MarketValue mv in position.MarketValues)
        {
            if (mv.Date > asOf)
            {
                break;
            }

            double ttm = revenue.TrailingReceived(mv.Date);
            if (mv.Date.DayNumber - revenue.FirstDate.DayNumber < 365 || !(ttm > 0))
            {
                continue;
            }

            double multiple = mv.Value / ttm;
            if (count > 0)
            {
                average = sum / count;
                bool below = multiple < average;
                runStart = below ? runStart ?? mv.Date : null;
                current = multiple;
            }

            sum += multiple;
            count++;
        }

        if (count < 2)
        {
            return null;
        }

        int days = runStart is DateOnly since ? asOf.DayNumber - since.DayNumber : 0;
        return new MultipleCompressionState(current, average, runStart, days);
    }

    private RevenueSignalState Signals(CashFlowSeries history)
    {
        int first = 0;
        while (first < history.Count && !(history.Amounts[first] > 0))
        {
            first++;
        }

        int n = history.Count - first;
        if (n <= options.RsiPeriod)
        {
            return new RevenueSignalState(null, null, Math.Max(n, 0));
        }

        var received = new double[n];
        for (int i = 0; i < n; i++)
        {
            received[i] = Math.Max(0, history.Amounts[first + i]);
        }

        var rsi = new double[n];
        SignalKernels.Rsi(received, options.RsiPeriod, rsi);
        bool? bearish = null;
        const int Fast = 12, Slow = 26, SignalPeriod = 9;
        if (n >= Slow + options.DivergenceLookback)
        {
            var macd = new double[n];
            var signal = new double[n];
            var histogram = new double[n];
            SignalKernels.Macd(received, Fast, Slow, SignalPeriod, macd, signal, histogram);
            var divergences = new Divergence[n];
            SignalKernels.Divergences(received, macd, options.DivergenceLookback, divergences);
            bearish = divergences.AsSpan(Math.Max(0, n - options.DivergenceRecent)).Contains(Divergence.Bearish);
        }

        return new RevenueSignalState(rsi[^1], bearish, n);
    }
}
