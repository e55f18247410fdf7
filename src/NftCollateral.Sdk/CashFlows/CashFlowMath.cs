using System.Globalization;

namespace NftCollateral.Sdk.CashFlows;

/// <summary>The outcome of a dividend-reinvestment (DRIP) projection; see <see cref="CashFlowMath.ProjectDrip"/>.</summary>
/// <param name="FinalUnits">Units held after the last period's reinvestment.</param>
/// <param name="TotalDistributed">Every distribution over the projection (units held × distribution per unit).</param>
/// <param name="TotalReinvested">The part of the distributions used to buy units.</param>
/// <param name="TotalPaidOut">The part paid out in cash (distributed − reinvested).</param>
public sealed record DripResult(double FinalUnits, double TotalDistributed, double TotalReinvested, double TotalPaidOut);

/// <summary>
/// Cash-flow valuation: NPV and XNPV, IRR and XIRR (with every root reported), payback, the Gordon growth and
/// dividend discount models, price-to-cash-flow multiples and the reinvestment of distributions (DRIP).
/// </summary>
/// <remarks>
/// <para>Conventions (see <c>docs/cashflows.md</c>):</para>
/// <list type="bullet">
/// <item><b>Periodic</b> functions take amounts one period apart; amount i is discounted by <c>(1 + r)^(firstPeriod + i)</c>,
/// with <c>firstPeriod = 0</c> by default (the first amount is today's, undiscounted). Excel's <c>NPV</c> is
/// <c>firstPeriod: 1</c>. Rates are per period, as fractions (0.1 for 10%).</item>
/// <item><b>Dated</b> functions (XNPV, XIRR) discount amount i by <c>(1 + r)^((d_i − d_0) / 365)</c>: actual/365 from the
/// first date, annual rates, as Excel's <c>XNPV</c>/<c>XIRR</c>. Dates must be in order; same-day amounts are added.</item>
/// <item>A rate of −100% or less is a misuse (the discount factor would be infinite or negative): <see cref="ArgumentOutOfRangeException"/>.</item>
/// <item>An IRR that does not exist or is not unique is an <see cref="IrrResult"/> saying so, never NaN and never an exception.</item>
/// </list>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class CashFlowMath
{
    /// <summary>Days per year in the actual/365 day count of XNPV and XIRR.</summary>
    public const double DaysPerYear = 365;

    /// <summary>Net present value of amounts one period apart: <c>Σ amounts[i] / (1 + rate)^(firstPeriod + i)</c>.</summary>
    /// <param name="ratePerPeriod">The discount rate per period, above −1.</param>
    /// <param name="amounts">The amounts, at least one, all finite.</param>
    /// <param name="firstPeriod">The period of the first amount: 0 (default) for today, 1 for Excel's <c>NPV</c>.</param>
    /// <returns>The present value at period 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −1 or less or not finite, or <paramref name="firstPeriod"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="amounts"/> is empty or holds a non-finite value.</exception>
    public static double Npv(double ratePerPeriod, ReadOnlySpan<double> amounts, int firstPeriod = 0)
    {
        CheckRate(ratePerPeriod, nameof(ratePerPeriod));
        ArgumentOutOfRangeException.ThrowIfNegative(firstPeriod);
        CheckAmounts(amounts, nameof(amounts));
        var npv = new PeriodicNpv(amounts);
        double value = npv.Evaluate(ratePerPeriod, scaled: false);
        return firstPeriod == 0 ? value : value / Math.Pow(1 + ratePerPeriod, firstPeriod);
    }

    /// <summary>Net present value of a regularly spaced series, at its first date, with a rate per period of the series.</summary>
    /// <param name="series">The series; its dates must be regularly spaced (<see cref="CashFlowSeries.Period"/>).</param>
    /// <param name="ratePerPeriod">The discount rate per period of the series, above −1.</param>
    /// <returns>The present value at the first date.</returns>
    /// <exception cref="CashFlowDataException">The dates are not regularly spaced (the message says where); use <see cref="Xnpv(CashFlowSeries, double)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −1 or less or not finite.</exception>
    public static double Npv(CashFlowSeries series, double ratePerPeriod)
    {
        ArgumentNullException.ThrowIfNull(series);
        RequireRegular(series, "NPV");
        return Npv(ratePerPeriod, series.Amounts);
    }

    /// <summary>Net present value of dated amounts at the first date: <c>Σ amounts[i] / (1 + rate)^((dates[i] − dates[0]) / 365)</c>.</summary>
    /// <param name="annualRate">The annual discount rate, above −1.</param>
    /// <param name="dates">The dates, in order (equal dates allowed); the first is the valuation date.</param>
    /// <param name="amounts">One finite amount per date.</param>
    /// <returns>The present value at <c>dates[0]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −1 or less or not finite.</exception>
    /// <exception cref="ArgumentException">The lengths differ, there is no amount, an amount is not finite, or the dates are out of order.</exception>
    public static double Xnpv(double annualRate, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts)
    {
        CheckRate(annualRate, nameof(annualRate));
        CheckDated(dates, amounts);
        double logX = Math.Log(1 + annualRate);
        double sum = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            sum += amounts[i] * Math.Exp(-(dates[i].DayNumber - dates[0].DayNumber) / DaysPerYear * logX);
        }

        return sum;
    }

    /// <summary>XNPV of a series at its first date (any spacing).</summary>
    /// <param name="series">The series.</param>
    /// <param name="annualRate">The annual discount rate, above −1.</param>
    /// <returns>The present value at the first date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −1 or less or not finite.</exception>
    public static double Xnpv(CashFlowSeries series, double annualRate)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Xnpv(annualRate, series.Dates, series.Amounts);
    }

    /// <summary>
    /// The internal rate of return per period of amounts one period apart: the rate at which <see cref="Npv(double, ReadOnlySpan{double}, int)"/> is zero.
    /// </summary>
    /// <param name="amounts">The amounts, at least one, all finite.</param>
    /// <param name="options">How to scan when the amounts change sign more than once; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// The rate, or why there is none: no sign change, all zero, several roots (all listed), no root in the scanned range.
    /// With one sign change the root is unique and is found wherever it lies above −100%.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="amounts"/> is empty or holds a non-finite value, or the options are invalid.</exception>
    public static IrrResult Irr(ReadOnlySpan<double> amounts, IrrOptions? options = null)
    {
        CheckAmounts(amounts, nameof(amounts));
        options ??= IrrOptions.Default;
        options.Validate();
        var npv = new PeriodicNpv(amounts);
        return RateSolver.Solve(ref npv, amounts, options, "period");
    }

    /// <summary>The IRR per period of a regularly spaced series; <see cref="IrrStatus.IrregularSpacing"/> when its dates have gaps.</summary>
    /// <param name="series">The series.</param>
    /// <param name="options">Scan options; <see langword="null"/> for the defaults.</param>
    /// <returns>The IRR per period of <see cref="CashFlowSeries.Period"/> (annualise with <see cref="CashFlowPeriod.Annualise"/>), or why it is undefined.</returns>
    public static IrrResult Irr(CashFlowSeries series, IrrOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Period is null && series.Count > 1)
        {
            return new IrrResult(IrrStatus.IrregularSpacing, [], 0, $"a periodic IRR needs regularly spaced dates, but {series.SpacingProblem}; use XIRR");
        }

        return Irr(series.Amounts, options);
    }

    /// <summary>
    /// The internal rate of return of dated amounts, annual on actual/365: the rate at which
    /// <see cref="Xnpv(double, ReadOnlySpan{DateOnly}, ReadOnlySpan{double})"/> is zero.
    /// </summary>
    /// <param name="dates">The dates, in order (amounts on equal dates are added).</param>
    /// <param name="amounts">One finite amount per date.</param>
    /// <param name="options">How to scan when the amounts change sign more than once; <see langword="null"/> for the defaults.</param>
    /// <returns>The annual rate, or why there is none (see <see cref="Irr(ReadOnlySpan{double}, IrrOptions?)"/>).</returns>
    /// <exception cref="ArgumentException">The lengths differ, there is no amount, an amount is not finite, the dates are out of order, or the options are invalid.</exception>
    public static IrrResult Xirr(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts, IrrOptions? options = null)
    {
        CheckDated(dates, amounts);
        options ??= IrrOptions.Default;
        options.Validate();

        // Same-day amounts are one term (the rule of signs needs distinct exponents).
        var years = new double[amounts.Length];
        var merged = new double[amounts.Length];
        int n = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            if (n > 0 && dates[i] == dates[i - 1])
            {
                merged[n - 1] += amounts[i];
                continue;
            }

            years[n] = (dates[i].DayNumber - dates[0].DayNumber) / DaysPerYear;
            merged[n++] = amounts[i];
        }

        var npv = new DatedNpv(years.AsSpan(0, n), merged.AsSpan(0, n));
        return RateSolver.Solve(ref npv, merged.AsSpan(0, n), options, "year");
    }

    /// <summary>XIRR of a series (any spacing), annual on actual/365.</summary>
    /// <param name="series">The series.</param>
    /// <param name="options">Scan options; <see langword="null"/> for the defaults.</param>
    /// <returns>The annual rate, or why it is undefined.</returns>
    public static IrrResult Xirr(CashFlowSeries series, IrrOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Xirr(series.Dates, series.Amounts, options);
    }

    /// <summary>
    /// The payback period in periods: the first time the cumulative amounts reach zero, amount i counted as earned
    /// evenly over period i (so <c>−1000, 300, 400, 500</c> pays back in 2 + 300/500 = 2.6 periods). With a discount
    /// rate, the discounted payback.
    /// </summary>
    /// <param name="amounts">The amounts one period apart; the first nonzero one must be an outlay (negative).</param>
    /// <param name="discountRatePerPeriod">A rate per period for the discounted payback, or <see langword="null"/> for the plain one.</param>
    /// <returns>The periods, or undefined with a reason (nothing paid out, never paid back).</returns>
    /// <exception cref="ArgumentException"><paramref name="amounts"/> is empty or holds a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −1 or less or not finite.</exception>
    public static CashFlowFigure Payback(ReadOnlySpan<double> amounts, double? discountRatePerPeriod = null)
    {
        CheckAmounts(amounts, nameof(amounts));
        double v = 1;
        if (discountRatePerPeriod is double rate)
        {
            CheckRate(rate, nameof(discountRatePerPeriod));
            v = 1 / (1 + rate);
        }

        double cumulative = 0;
        double factor = 1;
        bool outlay = false;
        for (int i = 0; i < amounts.Length; i++)
        {
            double a = amounts[i] * factor;
            factor *= v;
            if (!outlay)
            {
                if (a > 0)
                {
                    return CashFlowFigure.Undefined("the first nonzero amount is received, not paid out: there is no outlay to pay back");
                }

                outlay = a < 0;
                cumulative += a;
                continue;
            }

            if (cumulative + a >= 0)
            {
                return CashFlowFigure.Defined(i - 1 + (-cumulative / a));
            }

            cumulative += a;
        }

        return outlay
            ? CashFlowFigure.Undefined(string.Create(CultureInfo.InvariantCulture, $"not paid back within the {amounts.Length} amounts (cumulative {cumulative:R} at the end)"))
            : CashFlowFigure.Undefined("every amount is zero: nothing is paid out");
    }

    /// <summary>The payback of a dated series in days: from its first date to the date on which the cumulative amounts first reach zero.</summary>
    /// <param name="series">The series; the first nonzero amount must be an outlay.</param>
    /// <returns>The days, or undefined with a reason.</returns>
    public static CashFlowFigure PaybackDays(CashFlowSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        double cumulative = 0;
        bool outlay = false;
        for (int i = 0; i < series.Count; i++)
        {
            double a = series.Amounts[i];
            if (!outlay && a > 0)
            {
                return CashFlowFigure.Undefined("the first nonzero amount is received, not paid out: there is no outlay to pay back");
            }

            outlay |= a < 0;
            cumulative += a;
            if (outlay && a > 0 && cumulative >= 0)
            {
                return CashFlowFigure.Defined(series.Dates[i].DayNumber - series.FirstDate.DayNumber);
            }
        }

        return outlay
            ? CashFlowFigure.Undefined(string.Create(CultureInfo.InvariantCulture, $"not paid back by {CashFlowSeries.Iso(series.LastDate)} (cumulative {cumulative:R})"))
            : CashFlowFigure.Undefined("every amount is zero: nothing is paid out");
    }

    /// <summary>The Gordon growth (constant-growth dividend discount) value: <c>nextCashFlow / (discountRate − growthRate)</c>.</summary>
    /// <param name="nextCashFlow">The cash flow one period from now (D₁).</param>
    /// <param name="discountRate">The discount rate per period, above −1.</param>
    /// <param name="growthRate">The perpetual growth per period, above −1 and below <paramref name="discountRate"/>.</param>
    /// <returns>The present value of the growing perpetuity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A figure is not finite, a rate is −1 or less, or the growth is not below the discount rate (the value would be infinite).</exception>
    public static double GordonValue(double nextCashFlow, double discountRate, double growthRate)
    {
        if (!double.IsFinite(nextCashFlow))
        {
            throw new ArgumentOutOfRangeException(nameof(nextCashFlow), nextCashFlow, "The cash flow must be finite.");
        }

        CheckRate(discountRate, nameof(discountRate));
        CheckRate(growthRate, nameof(growthRate));
        if (growthRate >= discountRate)
        {
            throw new ArgumentOutOfRangeException(nameof(growthRate), growthRate, string.Create(CultureInfo.InvariantCulture, $"The Gordon model needs growth below the discount rate ({discountRate:R}); otherwise the value is unbounded."));
        }

        return nextCashFlow / (discountRate - growthRate);
    }

    /// <summary>
    /// The two-stage dividend discount value: the explicit cash flows at periods 1..n plus a Gordon terminal value at
    /// period n on <c>explicitCashFlows[n − 1] × (1 + terminalGrowth)</c>, all discounted to period 0.
    /// </summary>
    /// <param name="explicitCashFlows">The cash flows of periods 1 to n (at least one).</param>
    /// <param name="discountRate">The discount rate per period, above −1.</param>
    /// <param name="terminalGrowth">The perpetual growth after period n, below <paramref name="discountRate"/>.</param>
    /// <returns>The present value.</returns>
    /// <exception cref="ArgumentException">There is no cash flow, or one is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range, or the growth is not below the discount rate.</exception>
    public static double DividendDiscountValue(ReadOnlySpan<double> explicitCashFlows, double discountRate, double terminalGrowth)
    {
        CheckAmounts(explicitCashFlows, nameof(explicitCashFlows));
        double terminal = GordonValue(explicitCashFlows[^1] * (1 + terminalGrowth), discountRate, terminalGrowth);
        int n = explicitCashFlows.Length;
        return Npv(discountRate, explicitCashFlows, firstPeriod: 1) + (terminal / Math.Pow(1 + discountRate, n));
    }

    /// <summary>The price-to-cash-flow multiple <c>price / cashFlow</c>; undefined when the cash flow is not positive.</summary>
    /// <param name="price">The price or value; positive and finite.</param>
    /// <param name="cashFlow">The cash flow over the reference period (usually a year).</param>
    /// <returns>The multiple, or undefined with the reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive and finite, or <paramref name="cashFlow"/> is not finite.</exception>
    public static CashFlowFigure PriceToCashFlow(double price, double cashFlow)
    {
        if (!(price > 0) || !double.IsFinite(price))
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "The price must be positive and finite.");
        }

        if (!double.IsFinite(cashFlow))
        {
            throw new ArgumentOutOfRangeException(nameof(cashFlow), cashFlow, "The cash flow must be finite.");
        }

        return cashFlow > 0
            ? CashFlowFigure.Defined(price / cashFlow)
            : CashFlowFigure.Undefined(string.Create(CultureInfo.InvariantCulture, $"the cash flow is {cashFlow:R}, not positive: no price-to-cash-flow multiple"));
    }

    /// <summary>
    /// The series' own price-to-cash-flow multiple: what was paid out (the sum of the negative amounts up to
    /// <paramref name="asOf"/>) over what was received in the 365 days ending on <paramref name="asOf"/>.
    /// </summary>
    /// <param name="series">The series.</param>
    /// <param name="asOf">The last day counted; <see langword="null"/> for the series' last date.</param>
    /// <returns>The multiple, or undefined when nothing was paid out or nothing received in the trailing year.</returns>
    public static CashFlowFigure PriceToTrailingCashFlow(CashFlowSeries series, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        DateOnly end = asOf ?? series.LastDate;
        double paid = 0;
        for (int i = 0; i < series.Count && series.Dates[i] <= end; i++)
        {
            paid -= Math.Min(0, series.Amounts[i]);
        }

        if (paid <= 0)
        {
            return CashFlowFigure.Undefined("nothing was paid out (no negative amount): no price to compare with the cash flow");
        }

        double received = series.TrailingReceived(end);
        return received > 0
            ? CashFlowFigure.Defined(paid / received)
            : CashFlowFigure.Undefined($"nothing was received in the 365 days to {CashFlowSeries.Iso(end)}: no price-to-cash-flow multiple");
    }

    /// <summary>
    /// Projects distributions with reinvestment (DRIP): in period i the holder receives <c>units × distributionPerUnit[i]</c>,
    /// reinvests <paramref name="reinvestFraction"/> of it in units at <c>unitPrice[i]</c> and is paid the rest.
    /// </summary>
    /// <param name="units">Units held at the start; positive.</param>
    /// <param name="distributionPerUnit">The distribution per unit in each period; finite, not negative.</param>
    /// <param name="unitPrice">The price per unit at each period's reinvestment; positive.</param>
    /// <param name="reinvestFraction">The share reinvested, in [0, 1] (1 = full DRIP, 0 = all paid out).</param>
    /// <param name="cashPaidOut">Receives the cash paid out in each period.</param>
    /// <param name="unitsHeld">Receives the units held after each period's reinvestment.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentException">The lengths differ, a destination is too short, or a figure is out of range.</exception>
    public static DripResult ProjectDrip(double units, ReadOnlySpan<double> distributionPerUnit, ReadOnlySpan<double> unitPrice, double reinvestFraction, Span<double> cashPaidOut, Span<double> unitsHeld)
    {
        if (!(units > 0) || !double.IsFinite(units))
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, "Units must be positive and finite.");
        }

        if (!(reinvestFraction >= 0 && reinvestFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(reinvestFraction), reinvestFraction, "The reinvested share must be in [0, 1].");
        }

        if (distributionPerUnit.Length != unitPrice.Length)
        {
            throw new ArgumentException($"{distributionPerUnit.Length} distributions but {unitPrice.Length} prices.", nameof(unitPrice));
        }

        if (cashPaidOut.Length < distributionPerUnit.Length || unitsHeld.Length < distributionPerUnit.Length)
        {
            throw new ArgumentException("A destination is shorter than the projection.", cashPaidOut.Length < distributionPerUnit.Length ? nameof(cashPaidOut) : nameof(unitsHeld));
        }

        double distributed = 0;
        double reinvested = 0;
        double paid = 0;
        for (int i = 0; i < distributionPerUnit.Length; i++)
        {
            if (!(distributionPerUnit[i] >= 0) || !double.IsFinite(distributionPerUnit[i]))
            {
                throw new ArgumentException($"distributionPerUnit[{i}] must be finite and not negative.", nameof(distributionPerUnit));
            }

            if (!(unitPrice[i] > 0) || !double.IsFinite(unitPrice[i]))
            {
                throw new ArgumentException($"unitPrice[{i}] must be positive and finite.", nameof(unitPrice));
            }

            double distribution = units * distributionPerUnit[i];
            double buy = distribution * reinvestFraction;
            units += buy / unitPrice[i];
            cashPaidOut[i] = distribution - buy;
            unitsHeld[i] = units;
            distributed += distribution;
            reinvested += buy;
            paid += distribution - buy;
        }

        return new DripResult(units, distributed, reinvested, paid);
    }

    internal static void CheckRate(double rate, string name)
    {
        if (!(rate > -1) || !double.IsFinite(rate))
        {
            throw new ArgumentOutOfRangeException(name, rate, "A rate must be finite and above -1 (-100%): at -100% or below the discount factor is infinite or negative.");
        }
    }

    private static void CheckAmounts(ReadOnlySpan<double> amounts, string name)
    {
        if (amounts.IsEmpty)
        {
            throw new ArgumentException("At least one amount is needed.", name);
        }

        for (int i = 0; i < amounts.Length; i++)
        {
            if (!double.IsFinite(amounts[i]))
            {
                throw new ArgumentException($"{name}[{i}] is not a finite number.", name);
            }
        }
    }

    private static void CheckDated(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts)
    {
        if (dates.Length != amounts.Length)
        {
            throw new ArgumentException($"{dates.Length} dates but {amounts.Length} amounts.", nameof(amounts));
        }

        CheckAmounts(amounts, nameof(amounts));
        for (int i = 1; i < dates.Length; i++)
        {
            if (dates[i] < dates[i - 1])
            {
                throw new ArgumentException($"dates[{i}] = {CashFlowSeries.Iso(dates[i])} is before dates[{i - 1}] = {CashFlowSeries.Iso(dates[i - 1])}; dates must be in order.", nameof(dates));
            }
        }
    }

    private static void RequireRegular(CashFlowSeries series, string function)
    {
        if (series.Period is null && series.Count > 1)
        {
            throw new CashFlowDataException($"{function} per period needs regularly spaced dates, but {series.SpacingProblem}; use the dated function (XNPV, XIRR)", series.SourceName, "date");
        }
    }
}
