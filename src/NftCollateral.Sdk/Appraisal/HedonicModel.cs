using System.Buffers;

namespace NftCollateral.Sdk.Appraisal;

/// <summary>
/// The hedonic premium model: a robust, ridge-regularised regression of log(price / floor) on the trait features, with
/// one fixed effect per sale day, fitted on the sales strictly before a refit day.
/// </summary>
/// <remarks>
/// <para>
/// Model: <c>y_j = α_day(j) + x_j·β + ε_j</c>, with <c>y_j = ln(price_j / floor of the day before the sale)</c> and
/// <c>x_j</c> the token's trait indicators, its standardised OpenRarity score and the information content of each of its
/// trait values (<see cref="TraitFeatures"/>). The day effects take every market-level move out of the premium, so
/// <c>x·β</c> is the token's premium over a token with no traits on the same day. Minimised:
/// <c>Σ w_j (y_j − α_d − x_j·β)² + λ|β|²</c>, with <c>w_j = e^(−age_j / τ)</c>. The robust (least absolute deviation) fit
/// reweights by <c>1 / max(|residual|, ε)</c> for a few iterations (IRLS), so a few odd sales do not move the premia.
/// </para>
/// <para>
/// The day effects are eliminated exactly (their block of the normal equations is diagonal): the reduced system
/// <c>(C − Σ_d B_d B_dᵀ / D_d + λI) β = c − Σ_d B_d b_d / D_d</c> is solved by Cholesky, then
/// <c>α_d = (b_d − B_d·β) / D_d</c>.
/// </para>
/// </remarks>
internal sealed class HedonicModel
{
    private const double DayEffectPenalty = 1e-3;
    private const double PriorScale = 0.5;
    private const double PriorWeight = 5;
    private readonly double[] _beta;
    private readonly double[] _dayEffect;
    private readonly double[] _support;
    private readonly double[] _binScale;

    private HedonicModel(int refitDay, int firstDay, double[] beta, double[] dayEffect, double[] support, int trainingSales, int lastTrainingDay, double meanPremium, double maxPremium, double[] binScale, double marketScale)
    {
        RefitDay = refitDay;
        FirstDay = firstDay;
        _beta = beta;
        _dayEffect = dayEffect;
        _support = support;
        TrainingSales = trainingSales;
        LastTrainingDay = lastTrainingDay;
        MeanPremium = meanPremium;
        MaxPremium = maxPremium;
        _binScale = binScale;
        MarketScale = marketScale;
    }

    /// <summary>The first day not used for training (the model is used for as-of days from <c>RefitDay − 1</c> on).</summary>
    public int RefitDay { get; }

    public int FirstDay { get; }

    public int TrainingSales { get; }

    /// <summary>The day of the latest training sale, or <see cref="int.MinValue"/>.</summary>
    public int LastTrainingDay { get; }

    /// <summary>The weighted mean premium x·β of the training sales.</summary>
    public double MeanPremium { get; }

    /// <summary>The highest premium x·β of any training sale (the edge of the evidence), or NaN without training sales.</summary>
    public double MaxPremium { get; }

    /// <summary>The typical day-to-day move of the fitted day effects (robust standard deviation).</summary>
    public double MarketScale { get; }

    public ReadOnlySpan<double> Beta => _beta;

    public static HedonicModel Fit(AppraisalDataset data, int refitDay, TraitPremiumOptions options)
    {
        TraitFeatures features = data.Features;
        int p = features.ColumnCount;
        int types = features.TraitTypeCount;
        int firstDay = refitDay - options.TrainingWindowDays;
        int lo = data.SalesBeforeDay(firstDay);
        int hi = data.SalesBeforeDay(refitDay);

        // Training rows.
        var rows = new List<int>(hi - lo);
        for (int j = lo; j < hi; j++)
        {
            int day = data.SaleDay(j);
            if (!data.IsFlaggedAsOf(j, refitDay - 1) && !double.IsNaN(data.ReferenceFloorOnDay(day - 1)))
            {
                rows.Add(j);
            }
        }

        int n = rows.Count;
        int days = options.TrainingWindowDays;
        var y = new double[n];
        var decay = new double[n];
        var dayIndex = new int[n];
        for (int k = 0; k < n; k++)
        {
            int j = rows[k];
            int day = data.SaleDay(j);
            y[k] = Math.Log(data.SalePrice(j) / data.ReferenceFloorOnDay(day - 1));
            decay[k] = Math.Exp(-(refitDay - day) / options.TrainingDecayDays);
            dayIndex[k] = day - firstDay;
        }

        // Each row's non-zero features, once (columns increasing).
        var rowStart = new int[n + 1];
        var colBuffer = new int[p];
        var valBuffer = new double[p];
        int capacity = n * (features.TraitTypeCount * 2 + 1);
        int[] colArray = ArrayPool<int>.Shared.Rent(Math.Max(1, capacity));
        double[] valArray = ArrayPool<double>.Shared.Rent(Math.Max(1, capacity));
        int filled = 0;
        for (int k = 0; k < n; k++)
        {
            int m = Row(features, data.SaleRow(rows[k]), types, valBuffer, colBuffer);
            colBuffer.AsSpan(0, m).CopyTo(colArray.AsSpan(filled));
            valBuffer.AsSpan(0, m).CopyTo(valArray.AsSpan(filled));
            filled += m;
            rowStart[k + 1] = filled;
        }

        var beta = new double[p];
        var dayEffect = new double[days];
        Array.Fill(dayEffect, double.NaN);
        var residual = new double[n];
        var weight = (double[])decay.Clone();
        double[] c = ArrayPool<double>.Shared.Rent(p * p);
        var rhs = new double[p];
        var dayW = new double[days];
        var dayY = new double[days];
        double[] dayB = ArrayPool<double>.Shared.Rent(days * p);
        var touched = new int[p];
        bool solved = n > 0;
        for (int iteration = 0; iteration <= options.RobustIterations && n > 0; iteration++)
        {
            Array.Clear(c, 0, p * p);
            Array.Clear(rhs);
            Array.Clear(dayW);
            Array.Clear(dayY);
            Array.Clear(dayB, 0, days * p);
            for (int k = 0; k < n; k++)
            {
                ReadOnlySpan<int> rc = colArray.AsSpan(rowStart[k], rowStart[k + 1] - rowStart[k]);
                ReadOnlySpan<double> rv = valArray.AsSpan(rowStart[k], rc.Length);
                double w = weight[k];
                int d = dayIndex[k];
                dayW[d] += w;
                dayY[d] += w * y[k];
                Span<double> bd = dayB.AsSpan(d * p, p);
                for (int a = 0; a < rc.Length; a++)
                {
                    int ca = rc[a];
                    double wa = w * rv[a];
                    rhs[ca] += wa * y[k];
                    bd[ca] += wa;
                    Span<double> cRow = c.AsSpan(ca * p, ca + 1);
                    for (int b = 0; b <= a; b++)
                    {
                        cRow[rc[b]] += wa * rv[b];
                    }
                }
            }

            // Eliminate the day effects (Schur complement) over each day's touched columns, lower triangle only.
            for (int d = 0; d < days; d++)
            {
                if (dayW[d] <= 0)
                {
                    continue;
                }

                double inv = 1 / (dayW[d] + DayEffectPenalty);
                Span<double> bd = dayB.AsSpan(d * p, p);
                int t = 0;
                for (int a = 0; a < p; a++)
                {
                    if (bd[a] != 0)
                    {
                        touched[t++] = a;
                    }
                }

                for (int ia = 0; ia < t; ia++)
                {
                    int a = touched[ia];
                    double baInv = bd[a] * inv;
                    rhs[a] -= baInv * dayY[d];
                    Span<double> cRow = c.AsSpan(a * p, a + 1);
                    for (int ib = 0; ib <= ia; ib++)
                    {
                        int b = touched[ib];
                        cRow[b] -= baInv * bd[b];
                    }
                }
            }

            for (int a = 0; a < p; a++)
            {
                c[(a * p) + a] += options.RidgePenalty;
            }

            rhs.CopyTo(beta, 0);
            if (!RidgeSolver.TrySolve(c, beta, p))
            {
                solved = false;
                break;
            }

            for (int d = 0; d < days; d++)
            {
                if (dayW[d] <= 0)
                {
                    dayEffect[d] = double.NaN;
                    continue;
                }

                double s = dayY[d];
                Span<double> bd = dayB.AsSpan(d * p, p);
                for (int a = 0; a < p; a++)
                {
                    s -= bd[a] * beta[a];
                }

                dayEffect[d] = s / (dayW[d] + DayEffectPenalty);
            }

            for (int k = 0; k < n; k++)
            {
                double fit = dayEffect[dayIndex[k]];
                for (int i = rowStart[k]; i < rowStart[k + 1]; i++)
                {
                    fit += valArray[i] * beta[colArray[i]];
                }

                residual[k] = y[k] - fit;
                weight[k] = decay[k] / Math.Max(Math.Abs(residual[k]), options.RobustEpsilon);
            }
        }

        ArrayPool<int>.Shared.Return(colArray);
        ArrayPool<double>.Shared.Return(valArray);
        ArrayPool<double>.Shared.Return(c);
        ArrayPool<double>.Shared.Return(dayB);
        if (!solved)
        {
            Array.Clear(beta);
            Array.Fill(dayEffect, double.NaN);
        }

        // Evidence behind each indicator: the decayed number of training sales holding it.
        var support = new double[features.IndicatorCount];
        double sumW = 0;
        double sumWh = 0;
        var premium = new double[n];
        for (int k = 0; k < n; k++)
        {
            int row = data.SaleRow(rows[k]);
            foreach (int col in features.Indicators(row))
            {
                support[col] += decay[k];
            }

            premium[k] = Premium(features, row, beta);
            sumW += decay[k];
            sumWh += decay[k] * premium[k];
        }

        double meanPremium = sumW > 0 ? sumWh / sumW : 0;
        double maxPremium = n > 0 ? premium.Max() : double.NaN;
        double[] binScale = solved ? BinScales(residual, premium, decay, meanPremium) : [double.NaN, double.NaN, double.NaN];
        double marketScale = solved ? DayMoveScale(dayEffect, dayW) : double.NaN;
        int lastDay = n > 0 ? data.SaleDay(rows[n - 1]) : int.MinValue;
        return new HedonicModel(refitDay, firstDay, beta, dayEffect, support, solved ? n : 0, lastDay, meanPremium, maxPremium, binScale, marketScale) { TotalSupport = sumW };
    }

    /// <summary>The premium x·β of a token (log units over a token without traits).</summary>
    public double Premium(TraitFeatures features, int row) => Premium(features, row, _beta);

    /// <summary>The fitted day effect of a training day, or NaN when the day had no training sale.</summary>
    public double DayEffect(int day)
    {
        int k = day - FirstDay;
        return k >= 0 && k < _dayEffect.Length && day < RefitDay ? _dayEffect[k] : double.NaN;
    }

    /// <summary>The decayed number of training sales.</summary>
    public double TotalSupport { get; private init; }

    /// <summary>The decayed number of training sales holding an indicator.</summary>
    public double Support(int column) => _support[column];

    /// <summary>The robust scale of a sale's deviation from its day effect plus premium, for a premium relative to the mean.</summary>
    public double ResidualScale(double relativePremium)
    {
        int bin = relativePremium < 0.25 ? 0 : relativePremium < 0.75 ? 1 : 2;
        return _binScale[bin];
    }

    /// <summary>The contribution of each trait type (indicator + information content) to a token's premium.</summary>
    public void Contributions(TraitFeatures features, int row, Span<double> perTraitType, out double rarity)
    {
        perTraitType.Clear();
        foreach (int col in features.Indicators(row))
        {
            perTraitType[features.ColumnTraitType(col)] += _beta[col];
        }

        ReadOnlySpan<double> info = features.Information(row);
        for (int t = 0; t < info.Length; t++)
        {
            perTraitType[t] += _beta[features.InformationColumn(t)] * info[t];
        }

        rarity = _beta[features.RarityColumn] * features.Rarity(row);
    }

    private static double Premium(TraitFeatures features, int row, double[] beta)
    {
        double s = beta[features.RarityColumn] * features.Rarity(row);
        foreach (int col in features.Indicators(row))
        {
            s += beta[col];
        }

        ReadOnlySpan<double> info = features.Information(row);
        for (int t = 0; t < info.Length; t++)
        {
            if (info[t] != 0)
            {
                s += beta[features.InformationColumn(t)] * info[t];
            }
        }

        return s;
    }

    /// <summary>Writes the non-zero feature values of a token (columns increasing) and returns their count.</summary>
    private static int Row(TraitFeatures features, int row, int types, double[] x, int[] cols)
    {
        int m = 0;
        foreach (int col in features.Indicators(row))
        {
            cols[m] = col;
            x[m++] = 1;
        }

        cols[m] = features.RarityColumn;
        x[m++] = features.Rarity(row);
        ReadOnlySpan<double> info = features.Information(row);
        for (int t = 0; t < types; t++)
        {
            if (info[t] != 0)
            {
                cols[m] = features.InformationColumn(t);
                x[m++] = info[t];
            }
        }

        return m;
    }

    private static double[] BinScales(double[] residual, double[] premium, double[] weight, double meanPremium)
    {
        var scales = new double[3];
        var pooled = new List<(double Abs, double W)>(residual.Length);
        var bins = new List<(double Abs, double W)>[] { [], [], [] };
        for (int k = 0; k < residual.Length; k++)
        {
            double rel = premium[k] - meanPremium;
            int bin = rel < 0.25 ? 0 : rel < 0.75 ? 1 : 2;
            bins[bin].Add((Math.Abs(residual[k]), weight[k]));
            pooled.Add((Math.Abs(residual[k]), weight[k]));
        }

        double pooledScale = RobustScale(pooled);
        for (int b = 0; b < 3; b++)
        {
            double w = 0;
            foreach ((_, double wk) in bins[b])
            {
                w += wk;
            }

            // With little evidence in a bin, fall back on the pooled scale, widened; and shrink towards a wide prior
            // (0.5 in log units, worth 5 sales) so that a handful of sales never yields a narrow range.
            double scale = w >= 10 ? Math.Max(RobustScale(bins[b]), pooledScale) : pooledScale * 1.5;
            scale = double.IsNaN(scale) ? PriorScale : scale;
            scales[b] = Math.Sqrt(((w * scale * scale) + (PriorWeight * PriorScale * PriorScale)) / (w + PriorWeight));
        }

        return scales;
    }

    /// <summary>1.4826 × the weighted median of absolute residuals (a standard deviation for normal errors).</summary>
    private static double RobustScale(List<(double Abs, double W)> items)
    {
        if (items.Count == 0)
        {
            return double.NaN;
        }

        items.Sort((a, b) => a.Abs.CompareTo(b.Abs));
        double total = 0;
        foreach ((_, double w) in items)
        {
            total += w;
        }

        double acc = 0;
        foreach ((double abs, double w) in items)
        {
            acc += w;
            if (acc >= total / 2)
            {
                return 1.4826 * abs;
            }
        }

        return 1.4826 * items[^1].Abs;
    }

    private static double DayMoveScale(double[] dayEffect, double[] dayWeight)
    {
        // Moves between consecutive trading days over the last 60 days of the window.
        var moves = new List<(double Abs, double W)>();
        double previous = double.NaN;
        for (int d = Math.Max(0, dayEffect.Length - 60); d < dayEffect.Length; d++)
        {
            if (dayWeight[d] <= 0 || double.IsNaN(dayEffect[d]))
            {
                continue;
            }

            if (!double.IsNaN(previous))
            {
                moves.Add((Math.Abs(dayEffect[d] - previous) / Math.Sqrt(2), 1));
            }

            previous = dayEffect[d];
        }

        return moves.Count < 5 ? 0.15 : RobustScale(moves);
    }
}
