using System.Globalization;

namespace NftCollateral.Sdk.Appraisal;

/// <summary>Accuracy of appraisals against sale prices. Errors are fractions (0.097 = 9.7%).</summary>
/// <param name="Count">The number of sales appraised.</param>
/// <param name="MeanApe">The mean absolute percentage error |value − price| / price.</param>
/// <param name="MedianApe">The median absolute percentage error.</param>
/// <param name="P95Ape">The 95th percentile of the absolute percentage error (linear interpolation).</param>
/// <param name="Within10">The share of sales with an error of at most 10%.</param>
/// <param name="Within20">The share of sales with an error of at most 20%.</param>
public sealed record AccuracyStats(int Count, double MeanApe, double MedianApe, double P95Ape, double Within10, double Within20)
{
    /// <summary>Computes the statistics of absolute percentage errors.</summary>
    /// <param name="errors">The errors (fractions); an empty sequence gives a count of 0 and NaN figures.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is <see langword="null"/>.</exception>
    public static AccuracyStats FromErrors(IEnumerable<double> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        double[] sorted = [.. errors];
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new AccuracyStats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0;
        int within10 = 0;
        int within20 = 0;
        foreach (double e in sorted)
        {
            sum += e;
            within10 += e <= 0.1 ? 1 : 0;
            within20 += e <= 0.2 ? 1 : 0;
        }

        return new AccuracyStats(
            sorted.Length,
            sum / sorted.Length,
            FloorOnlyAppraiser.Quantile(sorted, 0.5),
            FloorOnlyAppraiser.Quantile(sorted, 0.95),
            (double)within10 / sorted.Length,
            (double)within20 / sorted.Length);
    }
}

/// <summary>One group of a backtest (all sales, a price tier, a month): the model's accuracy beside the baseline's on the same sales.</summary>
/// <param name="Name">The group (<c>all</c>, <c>floor-tier</c>, <c>above-1.5x-floor</c>, or a month <c>yyyy-MM</c>).</param>
/// <param name="Model">The appraiser's accuracy.</param>
/// <param name="Baseline">The floor-only baseline's accuracy.</param>
public sealed record BacktestSegment(string Name, AccuracyStats Model, AccuracyStats Baseline);

/// <summary>One appraised sale of a backtest.</summary>
/// <param name="TokenId">The token sold.</param>
/// <param name="SaleDate">The sale's date; the appraisal was made as of the day before.</param>
/// <param name="PriceEth">The sale price.</param>
/// <param name="ValueEth">The appraised value.</param>
/// <param name="LowEth">The appraisal's low end.</param>
/// <param name="HighEth">The appraisal's high end.</param>
/// <param name="Confidence">The appraisal's confidence.</param>
/// <param name="BaselineEth">The floor-only baseline (the previous day's floor).</param>
public sealed record BacktestSale(string TokenId, DateOnly SaleDate, double PriceEth, double ValueEth, double LowEth, double HighEth, double Confidence, double BaselineEth);

/// <summary>The result of <see cref="AppraisalBacktest.Run"/>.</summary>
public sealed record BacktestReport
{
    /// <summary>Gets the appraiser's name.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the first sale date included.</summary>
    public required DateOnly From { get; init; }

    /// <summary>Gets the last sale date included.</summary>
    public required DateOnly To { get; init; }

    /// <summary>Gets the number of flagged wash or accidental sales left out (by the data set's flags, for model and baseline alike).</summary>
    public required int Excluded { get; init; }

    /// <summary>Gets the accuracy over every appraised sale.</summary>
    public required BacktestSegment All { get; init; }

    /// <summary>Gets the accuracy over sales at most 1.5 × the previous day's floor.</summary>
    public required BacktestSegment FloorTier { get; init; }

    /// <summary>Gets the accuracy over sales above 1.5 × the previous day's floor.</summary>
    public required BacktestSegment AboveFloorTier { get; init; }

    /// <summary>Gets the accuracy per calendar month of the sale date.</summary>
    public required IReadOnlyList<BacktestSegment> Months { get; init; }

    /// <summary>Gets the share of sales inside the appraisal's low–high range (nominally 80% for <see cref="TraitPremiumAppraiser"/>).</summary>
    public required double RangeCoverage { get; init; }

    /// <summary>Gets the mean confidence, to compare with <see cref="AccuracyStats.Within20"/> of <see cref="All"/>.</summary>
    public required double MeanConfidence { get; init; }

    /// <summary>Gets every appraised sale, in time order.</summary>
    public required IReadOnlyList<BacktestSale> Sales { get; init; }
}

/// <summary>
/// Appraises every sale in a date range as of the day before it (so only floors of earlier days and earlier sales are
/// used) and compares with the sale price and with the floor-only baseline.
/// </summary>
/// <remarks>
/// Sales flagged as wash or accidental trades in the data set (<see cref="Market.SaleSeries.ExcludingFlags"/>; for the
/// shared CryptoPunks file, the <c>suspect_low_price</c> rule) are left out of both the model's and the baseline's
/// figures and counted in <see cref="BacktestReport.Excluded"/>. Nothing else is excluded.
/// </remarks>
public static class AppraisalBacktest
{
    /// <summary>Runs the backtest.</summary>
    /// <param name="appraiser">The appraiser; a <see cref="TraitPremiumAppraiser"/> or <see cref="FloorOnlyAppraiser"/> over <paramref name="data"/> runs on a fast path with the same results.</param>
    /// <param name="data">The data the appraiser reads.</param>
    /// <param name="from">The first sale date.</param>
    /// <param name="to">The last sale date (inclusive).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="AppraisalInputException">
    /// <paramref name="to"/> is before <paramref name="from"/>, the range holds no sale, or the day before a sale in the range
    /// has no floor (the range is outside the data).
    /// </exception>
    public static BacktestReport Run(IAppraiser appraiser, AppraisalDataset data, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(appraiser);
        ArgumentNullException.ThrowIfNull(data);
        var inv = CultureInfo.InvariantCulture;
        if (to < from)
        {
            throw new AppraisalInputException(AppraisalInputError.EmptyRange, string.Create(inv, $"the range {AppraisalDataset.Iso(from)} to {AppraisalDataset.Iso(to)} ends before it starts"));
        }

        int lo = data.SalesBeforeDay(from.DayNumber);
        int hi = data.SalesBeforeDay(to.DayNumber + 1);
        if (hi == lo)
        {
            throw new AppraisalInputException(AppraisalInputError.EmptyRange, string.Create(inv, $"no sales of '{data.Collection}' from {AppraisalDataset.Iso(from)} to {AppraisalDataset.Iso(to)}"));
        }

        int firstAsOf = data.SaleDay(lo) - 1;
        int lastAsOf = data.SaleDay(hi - 1) - 1;
        if (firstAsOf < data.FirstFloorDay || lastAsOf > data.LastFloorDay)
        {
            throw new AppraisalInputException(
                AppraisalInputError.DateOutsideData,
                string.Create(inv, $"sales from {AppraisalDataset.Iso(DateOnly.FromDayNumber(firstAsOf + 1))} to {AppraisalDataset.Iso(DateOnly.FromDayNumber(lastAsOf + 1))} need the floors of the days before them, but the floor data covers {AppraisalDataset.Iso(data.FirstFloorDate)} to {AppraisalDataset.Iso(data.LastFloorDate)}"));
        }

        var fast = appraiser as TraitPremiumAppraiser;
        bool floorOnly = appraiser is FloorOnlyAppraiser f && ReferenceEquals(f.Data, data);
        if (fast is not null && !ReferenceEquals(fast.Data, data))
        {
            fast = null;
        }

        // The sales to appraise, grouped by as-of day (the day before the sale).
        var kept = new List<int>(hi - lo);
        int excluded = 0;
        for (int j = lo; j < hi; j++)
        {
            if (data.IsFlagged(j))
            {
                excluded++;
                continue;
            }

            int asOf = data.SaleDay(j) - 1;
            if (double.IsNaN(data.FloorOnDay(asOf)))
            {
                throw new AppraisalInputException(AppraisalInputError.DateOutsideData, $"no floor for {AppraisalDataset.Iso(DateOnly.FromDayNumber(asOf))}, the day before a sale in the range");
            }

            kept.Add(j);
        }

        var value = new double[kept.Count];
        var low = new double[kept.Count];
        var high = new double[kept.Count];
        var confidence = new double[kept.Count];
        var dayStarts = new List<int>();
        for (int k = 0; k < kept.Count; k++)
        {
            if (k == 0 || data.SaleDay(kept[k]) != data.SaleDay(kept[k - 1]))
            {
                dayStarts.Add(k);
            }
        }

        dayStarts.Add(kept.Count);
        Parallel.For(0, dayStarts.Count - 1, d =>
        {
            int first = dayStarts[d];
            int count = dayStarts[d + 1] - first;
            int asOf = data.SaleDay(kept[first]) - 1;
            if (fast is not null)
            {
                var rows = new int[count];
                var spreads = new double[count];
                for (int i = 0; i < count; i++)
                {
                    rows[i] = data.SaleRow(kept[first + i]);
                }

                fast.EstimateDay(asOf, rows, value.AsSpan(first, count), spreads);
                for (int i = 0; i < count; i++)
                {
                    double v = value[first + i];
                    low[first + i] = v * Math.Exp(-1.2815515655446004 * spreads[i]);
                    high[first + i] = v * Math.Exp(1.2815515655446004 * spreads[i]);
                    confidence[first + i] = TraitPremiumAppraiser.Confidence(spreads[i]);
                }

                return;
            }

            for (int i = first; i < first + count; i++)
            {
                if (floorOnly)
                {
                    value[i] = low[i] = high[i] = data.FloorOnDay(asOf);
                    confidence[i] = double.NaN;
                    continue;
                }

                TokenAppraisal a = appraiser.Appraise(data.Traits.TokenIds[data.SaleRow(kept[i])], DateOnly.FromDayNumber(asOf));
                value[i] = (double)a.ValueEth;
                low[i] = (double)a.LowEth;
                high[i] = (double)a.HighEth;
                confidence[i] = a.Confidence;
            }
        });

        var results = new List<BacktestSale>(kept.Count);
        for (int k = 0; k < kept.Count; k++)
        {
            int j = kept[k];
            results.Add(new BacktestSale(
                data.Traits.TokenIds[data.SaleRow(j)], DateOnly.FromDayNumber(data.SaleDay(j)), data.SalePrice(j), value[k], low[k], high[k], confidence[k], data.FloorOnDay(data.SaleDay(j) - 1)));
        }

        return new BacktestReport
        {
            Method = appraiser.Name,
            From = from,
            To = to,
            Excluded = excluded,
            All = Segment("all", results),
            FloorTier = Segment("floor-tier", results.Where(s => s.PriceEth <= 1.5 * s.BaselineEth)),
            AboveFloorTier = Segment("above-1.5x-floor", results.Where(s => s.PriceEth > 1.5 * s.BaselineEth)),
            Months = [.. results.GroupBy(s => (s.SaleDate.Year, s.SaleDate.Month)).Select(g => Segment(string.Create(inv, $"{g.Key.Year:0000}-{g.Key.Month:00}"), g))],
            RangeCoverage = results.Count(s => s.PriceEth >= s.LowEth && s.PriceEth <= s.HighEth) / (double)results.Count,
            MeanConfidence = results.Average(s => s.Confidence),
            Sales = results,
        };
    }

    private static BacktestSegment Segment(string name, IEnumerable<BacktestSale> sales)
    {
        BacktestSale[] list = [.. sales];
        return new BacktestSegment(
            name,
            AccuracyStats.FromErrors(list.Select(s => Math.Abs(s.ValueEth - s.PriceEth) / s.PriceEth)),
            AccuracyStats.FromErrors(list.Select(s => Math.Abs(s.BaselineEth - s.PriceEth) / s.PriceEth)));
    }
}
