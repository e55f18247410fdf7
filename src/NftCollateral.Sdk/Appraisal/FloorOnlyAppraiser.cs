namespace NftCollateral.Sdk.Appraisal;

/// <summary>
/// The baseline: every token is worth the floor (the lowest public ask at the end of the as-of date). Its range is the
/// 10th to 90th percentile of recent sales' ratios to the floor of the day before them, and its confidence the share of
/// those ratios within ±20% of 1.
/// </summary>
/// <remarks>
/// Pricing every 2021 CryptoPunks sale at the previous day's floor gives 18.3% median and 24.9% mean absolute percentage
/// error (<c>shared/specs/market-data.md</c> §2): the number any trait-aware appraiser has to beat. Thread-safe.
/// </remarks>
public sealed class FloorOnlyAppraiser : IAppraiser
{
    /// <summary>Initializes a new instance of the <see cref="FloorOnlyAppraiser"/> class.</summary>
    /// <param name="data">The collection's traits, sales and floors.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    public FloorOnlyAppraiser(AppraisalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
    }

    /// <inheritdoc/>
    public string Name => "floor-only";

    /// <summary>Gets the data the appraiser reads.</summary>
    public AppraisalDataset Data { get; }

    /// <inheritdoc/>
    public TokenAppraisal Appraise(string tokenId, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        if (Data.CheckRequest(tokenId, asOf) is { } problem)
        {
            throw new AppraisalInputException(problem.Error, problem.Message);
        }

        int day = asOf.DayNumber;
        double floor = Data.FloorOnDay(day);
        var ratios = new List<double>();
        int count = 0;
        double volume = 0;
        for (int j = Data.SalesBeforeDay(day + 1) - 1; j >= 0 && Data.SaleDay(j) > day - 30; j--)
        {
            if (Data.IsFlaggedAsOf(j, day))
            {
                continue;
            }

            count++;
            volume += Data.SalePrice(j);
            double before = Data.FloorOnDay(Data.SaleDay(j) - 1);
            if (!double.IsNaN(before))
            {
                ratios.Add(Data.SalePrice(j) / before);
            }
        }

        ratios.Sort();
        double low = ratios.Count > 0 ? Quantile(ratios, 0.1) : 1;
        double high = ratios.Count > 0 ? Quantile(ratios, 0.9) : 1;
        double confidence = ratios.Count > 0 ? ratios.Count(r => r >= 0.8 && r <= 1.2) / (double)ratios.Count : 0;
        var notes = new List<string>();
        if (ratios.Count < 10)
        {
            notes.Add($"thin data: {ratios.Count} sales in the 30 days to the as-of date");
        }

        var breakdown = new AppraisalBreakdown
        {
            Method = Name,
            FloorEth = TraitPremiumAppraiser.ToEth(floor),
            FloorDate = asOf,
            HedonicValueEth = TraitPremiumAppraiser.ToEth(floor),
            Collection = new CollectionView(TraitPremiumAppraiser.ToEth(floor), count, TraitPremiumAppraiser.ToEth(volume), Data.ActiveAsksOnDay(day), null),
            Notes = notes,
        };
        decimal value = TraitPremiumAppraiser.ToEth(floor);
        return new TokenAppraisal(tokenId, asOf, value, Math.Min(value, TraitPremiumAppraiser.ToEth(floor * low)), Math.Max(value, TraitPremiumAppraiser.ToEth(floor * high)), confidence, breakdown);
    }

    /// <summary>The linearly interpolated quantile of sorted values.</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
