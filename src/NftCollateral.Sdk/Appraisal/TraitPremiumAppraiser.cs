using System.Collections.Concurrent;
using System.Globalization;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Appraisal;

/// <summary>
/// Appraises a token as floor × market level × hedonic trait premium, blended with hedonic-adjusted comparable sales
/// and the token's own last sale; the range and confidence come from the modelled spread of log sale prices.
/// </summary>
/// <remarks>
/// <para>As of day <c>D</c> (information to the end of <c>D</c>), for a token with traits <c>x</c>:</para>
/// <list type="number">
/// <item><b>Floor</b> <c>F</c>: the lowest public ask recorded for <c>D</c>.</item>
/// <item><b>Hedonic premium</b> <c>h = x·β</c>: a robust ridge regression of ln(price / floor) on the trait features with
/// day fixed effects, refitted every <see cref="TraitPremiumOptions.RefitIntervalDays"/> days (daily by default) on
/// the sales before the refit day.</item>
/// <item><b>Market level</b> <c>μ</c>: the recency-weighted median, over the sales of the last
/// <see cref="TraitPremiumOptions.MarketWindowDays"/> days, of <c>ln(price / floor of the day before) − h</c>, moved by
/// <c>(1 − tracking) × ln(F / floor then)</c>: where recent sales cleared relative to the floor.</item>
/// <item><b>Comparables</b>: sales of the last <see cref="TraitPremiumOptions.ComparableWindowDays"/> days of tokens of the
/// same <c>type</c> (when the collection has that trait), weighted by similarity^k × recency; each contributes its
/// residual against the hedonic model and its own day's level. Their weighted mean is blended in with share
/// W / (W + prior).</item>
/// <item><b>Own last sale</b>: that sale's residual (less the comparables') carried over with weight
/// <c>ρ e^(−age/τ)</c>.</item>
/// </list>
/// <para><c>value = F · exp(μ + h + comparables + own)</c>. The class is thread-safe; fitted models are cached.</para>
/// </remarks>
public sealed class TraitPremiumAppraiser : IAppraiser
{
    private const double Z90 = 1.2815515655446004;
    private static readonly int RefitAnchor = new DateOnly(2017, 1, 2).DayNumber; // a Monday

    private readonly ConcurrentDictionary<int, Lazy<ModelState>> _models = new();
    private readonly ConcurrentDictionary<int, MarketState> _markets = new();
    private readonly double[] _comparableDecay;

    /// <summary>Initializes a new instance of the <see cref="TraitPremiumAppraiser"/> class.</summary>
    /// <param name="data">The collection's traits, sales and floors.</param>
    /// <param name="options">Settings; <see cref="TraitPremiumOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public TraitPremiumAppraiser(AppraisalDataset data, TraitPremiumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= TraitPremiumOptions.Default;
        options.Validate();
        Data = data;
        Options = options;
        _comparableDecay = new double[options.ComparableWindowDays + 2];
        for (int k = 0; k < _comparableDecay.Length; k++)
        {
            _comparableDecay[k] = Math.Exp(-k / options.ComparableDecayDays);
        }
    }

    /// <inheritdoc/>
    public string Name => "trait-premium";

    /// <summary>Gets the data the appraiser reads.</summary>
    public AppraisalDataset Data { get; }

    /// <summary>Gets the settings.</summary>
    public TraitPremiumOptions Options { get; }

    /// <inheritdoc/>
    public TokenAppraisal Appraise(string tokenId, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        if (Data.CheckRequest(tokenId, asOf) is { } problem)
        {
            throw new AppraisalInputException(problem.Error, problem.Message);
        }

        int row = Data.Traits.GetTokenIndex(tokenId);
        ModelState model = Model(RefitDayFor(asOf.DayNumber));
        Estimate e = EstimateCore(row, asOf.DayNumber, model, BuildPool(model, asOf.DayNumber), detail: true);
        return new TokenAppraisal(tokenId, asOf, ToEth(e.Value), ToEth(e.Value * Math.Exp(-Z90 * e.Spread)), ToEth(e.Value * Math.Exp(Z90 * e.Spread)), Confidence(e.Spread), e.Breakdown!);
    }

    /// <summary>The modelled probability that a sale lands within ±20% of the value, for a log-price spread σ.</summary>
    internal static double Confidence(double spread) =>
        spread > 0 ? NormalCdf(Math.Log(1.2) / spread) - NormalCdf(Math.Log(0.8) / spread) : 1;

    internal static decimal ToEth(double value) => (decimal)Math.Round(value, 10);

    /// <summary>The values (ETH) and log spreads of tokens as of one day; the requests must already be valid.</summary>
    internal void EstimateDay(int asOfDay, ReadOnlySpan<int> rows, Span<double> values, Span<double> spreads)
    {
        ModelState model = Model(RefitDayFor(asOfDay));
        ComparablePool pool = BuildPool(model, asOfDay);
        for (int i = 0; i < rows.Length; i++)
        {
            Estimate e = EstimateCore(rows[i], asOfDay, model, pool, detail: false);
            values[i] = e.Value;
            spreads[i] = e.Spread;
        }
    }

    internal static double NormalCdf(double x)
    {
        // Abramowitz & Stegun 7.1.26 on erf (|error| < 1.5e-7).
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + (0.3275911 * z));
        double poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        double erf = 1 - (poly * Math.Exp(-z * z));
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private int RefitDayFor(int asOfDay)
    {
        int next = asOfDay + 1;
        int interval = Options.RefitIntervalDays;
        int offset = ((next - RefitAnchor) % interval + interval) % interval;
        return next - offset;
    }

    private ModelState Model(int refitDay) =>
        _models.GetOrAdd(refitDay, day => new Lazy<ModelState>(() => new ModelState(this, HedonicModel.Fit(Data, day, Options)))).Value;

    /// <summary>
    /// The comparable candidates as of a day: unflagged sales of the comparable window with a reference floor, each with
    /// its residual against the model and its day's level, and its recency weight.
    /// </summary>
    private ComparablePool BuildPool(ModelState model, int asOfDay)
    {
        int end = Data.SalesBeforeDay(asOfDay + 1);
        int start = Data.SalesBeforeDay(asOfDay + 1 - Options.ComparableWindowDays);
        var sales = new List<int>(end - start);
        var residuals = new List<double>(end - start);
        var recency = new List<double>(end - start);
        for (int j = end - 1; j >= start; j--)
        {
            if (Data.IsFlaggedAsOf(j, asOfDay))
            {
                continue;
            }

            double r = model.Residual(j);
            double level = model.DayLevel(Data.SaleDay(j));
            if (double.IsNaN(r) || double.IsNaN(level))
            {
                continue;
            }

            sales.Add(j);
            residuals.Add(r - level);
            recency.Add(_comparableDecay[asOfDay + 1 - Data.SaleDay(j)]);
        }

        int[] rows = new int[sales.Count];
        int[] groups = new int[sales.Count];
        for (int k = 0; k < rows.Length; k++)
        {
            rows[k] = Data.SaleRow(sales[k]);
            groups[k] = Data.Features.Group(rows[k]);
        }

        return new ComparablePool([.. sales], rows, groups, [.. residuals], [.. recency]);
    }

    private Estimate EstimateCore(int row, int asOfDay, ModelState model, ComparablePool pool, bool detail)
    {
        MarketState market = _markets.GetOrAdd(asOfDay, day => ComputeMarket(model, day));
        TraitFeatures features = Data.Features;
        double floor = Data.FloorOnDay(asOfDay);
        double h = model.Hedonic.Premium(features, row);
        double cap = model.Hedonic.MaxPremium + Math.Log(Options.PremiumCapFactor);
        bool capped = h > cap;
        if (capped)
        {
            h = cap;
        }

        // Comparables.
        var top = detail ? new List<(int Sale, double W, double R, double Sim)>() : null;
        double sumW = 0;
        double sumWr = 0;
        int group = features.Group(row);
        for (int k = 0; k < pool.Rows.Length; k++)
        {
            int rj = pool.Rows[k];
            if (rj == row || pool.Groups[k] != group)
            {
                continue;
            }

            double sim = features.Similarity(row, rj);
            if (sim <= 0)
            {
                continue;
            }

            double w = Pow(sim, Options.SimilarityExponent) * pool.Recency[k];
            sumW += w;
            sumWr += w * pool.Residuals[k];
            top?.Add((pool.Sales[k], w, pool.Residuals[k], sim));
        }

        double comps = sumWr / (sumW + Options.ComparablePriorWeight);

        // Own last sale.
        double own = 0;
        int lastOwn = -1;
        int ownCount = 0;
        int firstOwn = -1;
        foreach (int j in Data.SalesOfToken(row))
        {
            if (Data.SaleDay(j) > asOfDay)
            {
                break;
            }

            if (!Data.IsFlaggedAsOf(j, asOfDay))
            {
                lastOwn = j;
                ownCount++;
                if (firstOwn < 0)
                {
                    firstOwn = j;
                }
            }
        }

        if (lastOwn >= 0)
        {
            double r = model.Residual(lastOwn);
            double level = model.DayLevel(Data.SaleDay(lastOwn));
            if (!double.IsNaN(r) && !double.IsNaN(level))
            {
                own = Options.OwnSaleWeight * Math.Exp(-(asOfDay + 1 - Data.SaleDay(lastOwn)) / Options.OwnSaleDecayDays) * (r - level - comps);
            }
        }

        double logValue = Math.Log(floor) + market.Level + h + comps + own;
        double value = Math.Exp(logValue);

        // Spread of the log sale price.
        HedonicModel hm = model.Hedonic;
        double support = double.PositiveInfinity;
        int weakest = -1;
        foreach (int col in features.Indicators(row))
        {
            double s = hm.TrainingSales > 0 ? hm.Support(col) : 0;
            if (s < support)
            {
                support = s;
                weakest = col;
            }
        }

        double idio = hm.TrainingSales > 0 ? hm.ResidualScale(h - hm.MeanPremium) : 0.5;
        double marketScale = hm.TrainingSales > 0 ? hm.MarketScale : 0.15;
        int staleDays = market.LastSaleDay == int.MinValue ? 365 : asOfDay - market.LastSaleDay;
        double variance = (idio * idio * (1 + (1 / Math.Max(support, 0.05)))) + (marketScale * marketScale * (1 + (Math.Max(0, staleDays) / 7.0)));
        double spread = Options.SpreadScale * Math.Sqrt(variance);
        if (!detail)
        {
            return new Estimate(value, spread, null);
        }

        return new Estimate(value, spread, Explain(row, asOfDay, model, market, floor, h, capped, comps, sumW, top!, own, lastOwn, firstOwn, ownCount, value, spread, support, weakest, staleDays));
    }

    private AppraisalBreakdown Explain(
        int row, int asOfDay, ModelState model, MarketState market, double floor, double h, bool capped, double comps, double sumW,
        List<(int Sale, double W, double R, double Sim)> top, double own, int lastOwn, int firstOwn, int ownCount, double value, double spread,
        double support, int weakest, int staleDays)
    {
        TraitFeatures features = Data.Features;
        HedonicModel hm = model.Hedonic;
        var notes = new List<string>();
        var inv = CultureInfo.InvariantCulture;

        // Trait drivers relative to the typical recently sold token.
        int types = features.TraitTypeCount;
        var contributions = new double[types];
        hm.Contributions(features, row, contributions, out double rarity);
        var drivers = new List<TraitDriver>(types + 1);
        ReadOnlySpan<int> cells = Data.Traits.GetRow(row);
        for (int t = 0; t < types; t++)
        {
            Rarity.TraitType type = Data.Traits.TraitTypes[t];
            int v = cells[t];
            // Evidence: the training sales holding the value; for the Null category, those lacking every value of the type.
            double evidence = 0;
            if (hm.TrainingSales > 0)
            {
                evidence = v == 0 ? hm.TotalSupport : 0;
                for (int col = 0; col < features.IndicatorCount; col++)
                {
                    if (features.ColumnTraitType(col) == t)
                    {
                        if (v == 0)
                        {
                            evidence -= hm.Support(col);
                        }
                        else if (features.ColumnValue(col) == v)
                        {
                            evidence = hm.Support(col);
                        }
                    }
                }

                evidence = Math.Max(0, evidence);
            }

            drivers.Add(new TraitDriver(type.DisplayName, type.GetDisplayValue(v), type.GetCount(v), Math.Exp(contributions[t] - market.MeanContribution[t]), evidence));
        }

        drivers.Add(new TraitDriver("OpenRarity score", features.Rarity(row).ToString("0.###", inv) + " sd", 1, Math.Exp(rarity - market.MeanRarityContribution), double.NaN));
        if (capped)
        {
            drivers.Add(new TraitDriver("premium cap", Options.PremiumCapFactor.ToString("0.##", inv) + " × highest training premium", 0, Math.Exp(h - hm.Premium(features, row)), double.NaN));
        }

        drivers.Sort((a, b) => Math.Abs(Math.Log(b.Factor)).CompareTo(Math.Abs(Math.Log(a.Factor))));

        // Comparables, heaviest first.
        top.Sort((a, b) => b.W.CompareTo(a.W));
        var comparables = new List<ComparableSale>(Math.Min(top.Count, Options.ComparablesShown));
        for (int k = 0; k < top.Count && k < Options.ComparablesShown; k++)
        {
            (int sale, double w, double r, double sim) = top[k];
            Sale s = Data.Sales.Sales[sale];
            comparables.Add(new ComparableSale(s.TokenId, DateOnly.FromDayNumber(Data.SaleDay(sale)), s.PriceEth, sim, w / sumW, Math.Exp(r)));
        }

        OwnSaleHistory? history = lastOwn < 0 ? null : new OwnSaleHistory(
            ownCount, DateOnly.FromDayNumber(Data.SaleDay(firstOwn)), DateOnly.FromDayNumber(Data.SaleDay(lastOwn)), Data.Sales.Sales[lastOwn].PriceEth);

        double hedonicValue = floor * Math.Exp(market.Level + h);
        if (hm.TrainingSales == 0)
        {
            notes.Add(string.Create(inv, $"no trait model: no usable sale in the {Options.TrainingWindowDays} days before {AppraisalDataset.Iso(DateOnly.FromDayNumber(hm.RefitDay))}; the value rests on the floor and recent sales only"));
        }
        else if (hm.TrainingSales < 200)
        {
            notes.Add(string.Create(inv, $"thin data: the trait model was fitted on {hm.TrainingSales} sales"));
        }

        if (weakest >= 0 && support < 3)
        {
            int t = features.ColumnTraitType(weakest);
            string trait = $"{Data.Traits.TraitTypes[t].DisplayName}: {Data.Traits.TraitTypes[t].GetDisplayValue(features.ColumnValue(weakest))}";
            notes.Add(string.Create(inv, $"thin data: few recent sales hold '{trait}' (weighted evidence {support:0.##}); the range is wide"));
        }

        if (capped)
        {
            notes.Add(string.Create(inv, $"the trait premium was capped at {Options.PremiumCapFactor:0.##} × the highest premium of any training sale: the model does not extrapolate beyond its evidence"));
        }

        if (sumW < 0.5)
        {
            notes.Add("few comparable sales: the value rests mostly on the trait model");
        }

        if (market.Extended)
        {
            notes.Add(string.Create(inv, $"no sales in the last {Options.MarketWindowDays} days: the market level was read from the {market.Count} latest sales"));
        }

        if (staleDays > 14)
        {
            notes.Add(string.Create(inv, $"the latest sale is {staleDays} days before the as-of date; the range is widened"));
        }

        LiquidityView? liquidity = null;
        if (market.SalesLast30Days > 0)
        {
            decimal perDay = market.SalesLast30Days / 30m;
            LiquidationTime time = Market.Liquidity.DaysToLiquidate(1, perDay);
            LiquidityHaircut haircut = Options.LiquidityPolicy.Evaluate(null, time);
            liquidity = new LiquidityView(perDay, time.Days, haircut.HaircutBps, ToEth(value) * (1 - (haircut.HaircutBps / 10_000m)));
        }
        else
        {
            notes.Add("no sales in the 30 days to the as-of date: the liquidity haircut cannot be evaluated");
        }

        return new AppraisalBreakdown
        {
            Method = Name,
            FloorEth = ToEth(floor),
            FloorDate = DateOnly.FromDayNumber(asOfDay),
            MarketLevel = Math.Exp(market.Level + market.MeanPremium),
            MarketSales = market.Count,
            MarketWindowDays = market.WindowDays,
            TraitPremium = Math.Exp(h - market.MeanPremium),
            TraitDrivers = drivers,
            HedonicValueEth = ToEth(hedonicValue),
            ComparablesValueEth = sumW > 0 ? ToEth(hedonicValue * Math.Exp(comps * (sumW + Options.ComparablePriorWeight) / sumW)) : null,
            ComparablesShare = sumW / (sumW + Options.ComparablePriorWeight),
            ComparablesAdjustment = Math.Exp(comps),
            Comparables = comparables,
            OwnHistory = history,
            OwnSaleAdjustment = Math.Exp(own),
            LogSpread = spread,
            Collection = new CollectionView(ToEth(floor), market.SalesLast30Days, ToEth(market.VolumeLast30Days), Data.ActiveAsksOnDay(asOfDay), null),
            Liquidity = liquidity,
            ModelRefitDate = hm.TrainingSales > 0 ? DateOnly.FromDayNumber(hm.RefitDay) : null,
            TrainingSales = hm.TrainingSales,
            Notes = notes,
        };
    }

    private MarketState ComputeMarket(ModelState model, int asOfDay)
    {
        double floorNow = Data.FloorOnDay(asOfDay);
        double tracking = Options.MarketFloorTracking;
        int end = Data.SalesBeforeDay(asOfDay + 1);
        var sample = new List<(double R, double W, int Sale)>();
        int window = Options.MarketWindowDays;
        bool extended = false;
        Collect(asOfDay - window + 1);
        if (sample.Count == 0)
        {
            extended = true;
            window = 90;
            Collect(asOfDay - window + 1);
        }

        double level = 0;
        double meanPremium = 0;
        var meanContribution = new double[Data.Features.TraitTypeCount];
        double meanRarity = 0;
        if (sample.Count > 0)
        {
            // Weighted median of the residuals; weighted mean of the premia (for the breakdown).
            double total = 0;
            foreach ((_, double w, _) in sample)
            {
                total += w;
            }

            var contributions = new double[meanContribution.Length];
            foreach ((_, double w, int sale) in sample)
            {
                int row = Data.SaleRow(sale);
                meanPremium += w * model.Hedonic.Premium(Data.Features, row) / total;
                model.Hedonic.Contributions(Data.Features, row, contributions, out double rarity);
                for (int t = 0; t < contributions.Length; t++)
                {
                    meanContribution[t] += w * contributions[t] / total;
                }

                meanRarity += w * rarity / total;
            }

            sample.Sort((a, b) => a.R.CompareTo(b.R));
            double acc = 0;
            foreach ((double r, double w, _) in sample)
            {
                acc += w;
                if (acc >= total / 2)
                {
                    level = r;
                    break;
                }
            }
        }

        // Collection view over the 30 days to the as-of date.
        int count30 = 0;
        double volume30 = 0;
        int lastSaleDay = int.MinValue;
        for (int j = end - 1; j >= 0; j--)
        {
            if (Data.IsFlaggedAsOf(j, asOfDay))
            {
                continue;
            }

            lastSaleDay = Math.Max(lastSaleDay, Data.SaleDay(j));
            if (Data.SaleDay(j) <= asOfDay - 30)
            {
                break;
            }

            count30++;
            volume30 += Data.SalePrice(j);
        }

        return new MarketState(level, meanPremium, meanContribution, meanRarity, sample.Count, window, extended, count30, volume30, lastSaleDay);

        void Collect(int firstDay)
        {
            sample.Clear();
            for (int j = end - 1; j >= 0 && Data.SaleDay(j) >= firstDay; j--)
            {
                int day = Data.SaleDay(j);
                double floorThen = Data.FloorOnDay(day - 1);
                if (double.IsNaN(floorThen) || Data.IsFlaggedAsOf(j, asOfDay))
                {
                    continue;
                }

                double r = model.Residual(j) - ((1 - tracking) * Math.Log(floorNow / floorThen));
                sample.Add((r, Math.Exp(-(asOfDay - day) / Options.MarketDecayDays), j));
            }
        }
    }

    private static double Pow(double x, double k) => k switch
    {
        1 => x,
        2 => x * x,
        4 => x * x * x * x,
        _ => Math.Pow(x, k),
    };

    private readonly record struct Estimate(double Value, double Spread, AppraisalBreakdown? Breakdown);

    private sealed record MarketState(
        double Level, double MeanPremium, double[] MeanContribution, double MeanRarityContribution, int Count, int WindowDays, bool Extended,
        int SalesLast30Days, double VolumeLast30Days, int LastSaleDay);

    private sealed record ComparablePool(int[] Sales, int[] Rows, int[] Groups, double[] Residuals, double[] Recency);

    /// <summary>A fitted hedonic model with the levels of the days after its refit, filled lazily.</summary>
    private sealed class ModelState
    {
        private readonly TraitPremiumAppraiser _owner;
        private readonly ConcurrentDictionary<int, double> _dayLevel = new();

        public ModelState(TraitPremiumAppraiser owner, HedonicModel hedonic)
        {
            _owner = owner;
            Hedonic = hedonic;
        }

        public HedonicModel Hedonic { get; }

        /// <summary>ln(price / reference floor of the day before) − premium; NaN when the day before has no reference floor.</summary>
        public double Residual(int sale)
        {
            AppraisalDataset data = _owner.Data;
            double y = data.SaleLogRatio(sale);
            return double.IsNaN(y) ? double.NaN : y - Hedonic.Premium(data.Features, data.SaleRow(sale));
        }

        /// <summary>The market level of a day: its fitted day effect, or (after the refit) the mean residual of its sales.</summary>
        public double DayLevel(int day)
        {
            double effect = Hedonic.DayEffect(day);
            if (!double.IsNaN(effect))
            {
                return effect;
            }

            return _dayLevel.GetOrAdd(day, d =>
            {
                AppraisalDataset data = _owner.Data;
                double sum = 0;
                int count = 0;
                for (int j = data.SalesBeforeDay(d); j < data.SalesBeforeDay(d + 1); j++)
                {
                    if (!data.IsFlaggedAsOf(j, d))
                    {
                        double r = Residual(j);
                        if (!double.IsNaN(r))
                        {
                            sum += r;
                            count++;
                        }
                    }
                }

                return count == 0 ? double.NaN : sum / count;
            });
        }
    }
}
