using System.Globalization;

namespace NftCollateral.Sdk.CashFlows;

/// <summary>One dated cash flow: negative when paid out (a purchase, a cost), positive when received (royalties, rent).</summary>
/// <param name="Date">The day the money moves.</param>
/// <param name="Amount">The amount in the position's currency; negative = paid out, positive = received.</param>
public readonly record struct CashFlow(DateOnly Date, double Amount);

/// <summary>What to do with two cash flows on the same date.</summary>
public enum DuplicateDatePolicy
{
    /// <summary>Refuse them (the default): a repeated date in a revenue file is more often an error than two payments.</summary>
    Reject = 0,

    /// <summary>Add them into one flow on that date (for statements that list several payments a day).</summary>
    Sum = 1,
}

/// <summary>
/// The regular spacing of a cash-flow series: a whole number of calendar months (month ends kept as month ends) or a
/// fixed number of days. The periodic functions (<see cref="CashFlowMath.Npv(CashFlowSeries, double)"/>,
/// <see cref="CashFlowMath.Irr(CashFlowSeries, IrrOptions?)"/>) need one.
/// </summary>
/// <param name="Months">Calendar months per period (1, 2, 3, 4, 6 or 12), or 0 for a period in days.</param>
/// <param name="Days">Days per period, or 0 for a period in months.</param>
public readonly record struct CashFlowPeriod(int Months, int Days)
{
    /// <summary>Gets the number of periods in a year: 12 / months, or 365 / days.</summary>
    public double PeriodsPerYear => Months > 0 ? 12.0 / Months : 365.0 / Days;

    /// <summary>Converts a rate per period into an annual rate, compounding: <c>(1 + r)^(periods per year) − 1</c>.</summary>
    /// <param name="ratePerPeriod">The rate per period, as a fraction above −1.</param>
    /// <returns>The effective annual rate.</returns>
    public double Annualise(double ratePerPeriod) => Math.Pow(1 + ratePerPeriod, PeriodsPerYear) - 1;

    /// <summary>Converts an effective annual rate into a rate per period: <c>(1 + r)^(1 / periods per year) − 1</c>.</summary>
    /// <param name="annualRate">The annual rate, as a fraction above −1.</param>
    /// <returns>The rate per period.</returns>
    public double PerPeriod(double annualRate) => Math.Pow(1 + annualRate, 1 / PeriodsPerYear) - 1;

    /// <summary>Returns the period as text, such as <c>1 month</c>, <c>3 months</c> or <c>7 days</c>.</summary>
    /// <returns>The period's description.</returns>
    public override string ToString() => Months > 0
        ? (Months == 1 ? "1 month" : string.Create(CultureInfo.InvariantCulture, $"{Months} months"))
        : (Days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{Days} days"));
}

/// <summary>
/// A dated cash-flow series: dates strictly increasing, one finite amount per date (negative = paid out, positive =
/// received). It knows whether its dates are regularly spaced (<see cref="Period"/>) and, if not, where the first
/// irregularity is (<see cref="SpacingProblem"/>).
/// </summary>
/// <remarks>
/// <para>
/// Regular spacing: every date equals <c>first.AddMonths(i · k)</c> for k in {1, 2, 3, 4, 6, 12} (with every date a
/// month end when the first one is), or every gap is the same number of days. Anything else (a missing month, an
/// extra date) is irregular: the periodic functions refuse such a series and the dated ones (XNPV, XIRR) accept it.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class CashFlowSeries
{
    private static readonly int[] MonthSteps = [1, 2, 3, 4, 6, 12];
    private readonly DateOnly[] dates;
    private readonly double[] amounts;

    private CashFlowSeries(DateOnly[] dates, double[] amounts, string? sourceName)
    {
        this.dates = dates;
        this.amounts = amounts;
        SourceName = sourceName;
        (Period, SpacingProblem) = DetectPeriod(dates);
    }

    /// <summary>Gets the file the series came from, or <see langword="null"/> when it was built in code.</summary>
    public string? SourceName { get; }

    /// <summary>Gets the number of dates.</summary>
    public int Count => dates.Length;

    /// <summary>Gets the dates, strictly increasing.</summary>
    public ReadOnlySpan<DateOnly> Dates => dates;

    /// <summary>Gets the amount on each of <see cref="Dates"/> (negative = paid out).</summary>
    public ReadOnlySpan<double> Amounts => amounts;

    /// <summary>Gets the first date.</summary>
    public DateOnly FirstDate => dates[0];

    /// <summary>Gets the last date.</summary>
    public DateOnly LastDate => dates[^1];

    /// <summary>Gets the regular spacing of the dates, or <see langword="null"/> when they are not regularly spaced (see <see cref="SpacingProblem"/>).</summary>
    public CashFlowPeriod? Period { get; }

    /// <summary>Gets why the dates have no regular spacing (the first gap or extra date), or <see langword="null"/> when they have one.</summary>
    public string? SpacingProblem { get; }

    /// <summary>Gets the flow at <paramref name="index"/>.</summary>
    /// <param name="index">The position, from 0 to <see cref="Count"/> − 1.</param>
    public CashFlow this[int index] => new(dates[index], amounts[index]);

    /// <summary>Builds a series from flows in any order (they are sorted by date, stably).</summary>
    /// <param name="flows">At least one flow; every amount finite.</param>
    /// <param name="duplicates">What to do with two flows on one date (default: reject).</param>
    /// <param name="sourceName">Where the flows came from, for messages; <see langword="null"/> when built in code.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentException">There is no flow, an amount is not finite, or two flows share a date under <see cref="DuplicateDatePolicy.Reject"/>.</exception>
    public static CashFlowSeries Create(IEnumerable<CashFlow> flows, DuplicateDatePolicy duplicates = DuplicateDatePolicy.Reject, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        CashFlow[] sorted = [.. flows.OrderBy(f => f.Date)];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A cash-flow series needs at least one flow.", nameof(flows));
        }

        var outDates = new List<DateOnly>(sorted.Length);
        var outAmounts = new List<double>(sorted.Length);
        foreach (CashFlow flow in sorted)
        {
            if (!double.IsFinite(flow.Amount))
            {
                throw new ArgumentException($"The amount on {Iso(flow.Date)} is not a finite number ({flow.Amount.ToString(CultureInfo.InvariantCulture)}).", nameof(flows));
            }

            if (outDates.Count > 0 && outDates[^1] == flow.Date)
            {
                if (duplicates == DuplicateDatePolicy.Reject)
                {
                    throw new ArgumentException($"Two flows on {Iso(flow.Date)}; pass DuplicateDatePolicy.Sum to add them.", nameof(flows));
                }

                outAmounts[^1] += flow.Amount;
                continue;
            }

            outDates.Add(flow.Date);
            outAmounts.Add(flow.Amount);
        }

        return new CashFlowSeries([.. outDates], [.. outAmounts], sourceName);
    }

    /// <summary>Builds a series from parallel dates and amounts.</summary>
    /// <param name="dates">Strictly increasing dates; at least one.</param>
    /// <param name="amounts">One finite amount per date.</param>
    /// <param name="sourceName">Where the flows came from, for messages.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentException">The lengths differ, there is no date, a date is not after the previous one, or an amount is not finite.</exception>
    public static CashFlowSeries FromValues(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts, string? sourceName = null)
    {
        if (dates.Length != amounts.Length)
        {
            throw new ArgumentException($"{dates.Length} dates but {amounts.Length} amounts.", nameof(amounts));
        }

        if (dates.IsEmpty)
        {
            throw new ArgumentException("A cash-flow series needs at least one flow.", nameof(dates));
        }

        for (int i = 0; i < dates.Length; i++)
        {
            if (i > 0 && dates[i] <= dates[i - 1])
            {
                throw new ArgumentException($"dates[{i}] = {Iso(dates[i])} is not after dates[{i - 1}] = {Iso(dates[i - 1])}.", nameof(dates));
            }

            if (!double.IsFinite(amounts[i]))
            {
                throw new ArgumentException($"amounts[{i}] is not a finite number.", nameof(amounts));
            }
        }

        return new CashFlowSeries(dates.ToArray(), amounts.ToArray(), sourceName);
    }

    /// <summary>Returns the flows dated on or before <paramref name="asOf"/> (no look-ahead), or <see langword="null"/> when there is none.</summary>
    /// <param name="asOf">The last day to keep.</param>
    /// <returns>The earlier part of the series, this series when nothing is cut, or <see langword="null"/>.</returns>
    public CashFlowSeries? Until(DateOnly asOf)
    {
        int end = UpperBound(asOf);
        return end == 0 ? null : end == dates.Length ? this : new CashFlowSeries(dates[..end], amounts[..end], SourceName);
    }

    /// <summary>The sum of the received (positive) amounts dated in <c>(asOf − days, asOf]</c>: the trailing cash flow.</summary>
    /// <param name="asOf">The last day of the window.</param>
    /// <param name="days">The window in days (365 for the trailing twelve months); positive.</param>
    /// <returns>The amount received in the window (0 when nothing was received).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not positive.</exception>
    public double TrailingReceived(DateOnly asOf, int days = 365)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        int end = UpperBound(asOf);
        int start = UpperBound(asOf.AddDays(-days));
        double sum = 0;
        for (int i = start; i < end; i++)
        {
            if (amounts[i] > 0)
            {
                sum += amounts[i];
            }
        }

        return sum;
    }

    /// <summary>The number of dates on or before <paramref name="date"/>.</summary>
    internal int UpperBound(DateOnly date)
    {
        int i = Array.BinarySearch(dates, date);
        return i >= 0 ? i + 1 : ~i;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Finds the regular spacing of strictly increasing dates, or says where it breaks.</summary>
    internal static (CashFlowPeriod? Period, string? Problem) DetectPeriod(ReadOnlySpan<DateOnly> dates)
    {
        if (dates.Length < 2)
        {
            return (null, "a single date has no period");
        }

        DateOnly first = dates[0];
        bool monthEnd = first.Day == DateTime.DaysInMonth(first.Year, first.Month);
        foreach (int step in MonthSteps)
        {
            if (ExpectedMonthly(first, step, 1, monthEnd) != dates[1])
            {
                continue;
            }

            int bad = -1;
            for (int i = 2; i < dates.Length && bad < 0; i++)
            {
                if (ExpectedMonthly(first, step, i, monthEnd) != dates[i])
                {
                    bad = i;
                }
            }

            if (bad < 0)
            {
                return (new CashFlowPeriod(step, 0), null);
            }

            string period = new CashFlowPeriod(step, 0).ToString();
            return (null, Describe(dates, bad, period, ExpectedMonthly(first, step, bad, monthEnd)));
        }

        int gap = dates[1].DayNumber - first.DayNumber;
        for (int i = 2; i < dates.Length; i++)
        {
            if (dates[i].DayNumber - dates[i - 1].DayNumber != gap)
            {
                return (null, Describe(dates, i, new CashFlowPeriod(0, gap).ToString(), dates[i - 1].AddDays(gap)));
            }
        }

        return (new CashFlowPeriod(0, gap), null);
    }

    private static DateOnly ExpectedMonthly(DateOnly first, int step, int index, bool monthEnd)
    {
        DateOnly d = first.AddMonths(step * index);
        return monthEnd ? new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)) : d;
    }

    private static string Describe(ReadOnlySpan<DateOnly> dates, int index, string period, DateOnly expected) =>
        string.Create(CultureInfo.InvariantCulture, $"dates are not evenly spaced: {Iso(dates[index])} follows {Iso(dates[index - 1])} where the period of {period} expects {Iso(expected)} (a gap or an extra date)");
}
