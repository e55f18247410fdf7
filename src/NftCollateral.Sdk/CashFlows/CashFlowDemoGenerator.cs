namespace NftCollateral.Sdk.CashFlows;

/// <summary>Shape of the demo music-catalog royalties (see <see cref="CashFlowDemoGenerator.Royalties"/>).</summary>
public sealed record RoyaltyDemoOptions
{
    /// <summary>Gets the monthly royalties at the start, before season, noise and shocks (default 10,000).</summary>
    public double BaseMonthly { get; init; } = 10_000;

    /// <summary>Gets the yearly decay of the catalog's earnings (default 0.15: 15% less each year).</summary>
    public double AnnualDecay { get; init; } = 0.15;

    /// <summary>Gets the seasonal swing: the factor <c>1 + amplitude · cos(2π (month − 12) / 12)</c> peaks in December (default 0.25).</summary>
    public double SeasonalAmplitude { get; init; } = 0.25;

    /// <summary>Gets the monthly log-normal noise, as a standard deviation (default 0.08).</summary>
    public double Noise { get; init; } = 0.08;

    /// <summary>Gets the chance of a shock in a month (default 0.05); half are drops to 20–60%, half spikes to 150–300% of the month.</summary>
    public double ShockProbability { get; init; } = 0.05;

    /// <summary>Gets the purchase price paid on the start date (a negative first flow), or <see langword="null"/> for revenue only.</summary>
    public double? PurchasePrice { get; init; }
}

/// <summary>Shape of the demo REIT-like rent (see <see cref="CashFlowDemoGenerator.Rent"/>).</summary>
public sealed record RentDemoOptions
{
    /// <summary>Gets the number of rentable units (default 10).</summary>
    public int Units { get; init; } = 10;

    /// <summary>Gets the monthly rent per unit in the first year (default 2,000).</summary>
    public double RentPerUnit { get; init; } = 2_000;

    /// <summary>Gets the yearly rent escalation (default 0.03), applied every twelve months.</summary>
    public double AnnualEscalation { get; init; } = 0.03;

    /// <summary>Gets the chance an occupied unit falls vacant in a month (default 0.04); a vacancy lasts 1 to 6 months.</summary>
    public double VacancyProbability { get; init; } = 0.04;

    /// <summary>Gets the purchase price paid on the start date (a negative first flow), or <see langword="null"/> for rent only.</summary>
    public double? PurchasePrice { get; init; }
}

/// <summary>
/// Deterministic demo cash flows (no real royalty or rent data is needed): seasonal music royalties that decay and
/// take shocks, and rent with vacancies. The same seed gives the same series on every platform and .NET version
/// (SplitMix64, not <see cref="Random"/>). Monthly dates: <c>start.AddMonths(i)</c>, month ends kept.
/// </summary>
public static class CashFlowDemoGenerator
{
    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 20261121;

    /// <summary>
    /// Monthly music-catalog royalties: <c>base × (1 − decay)^(i / 12) × season × noise × shock</c>, rounded to cents. With a
    /// purchase price the first flow is the purchase on <paramref name="start"/> and royalties follow from the next month.
    /// </summary>
    /// <param name="start">The first date.</param>
    /// <param name="months">Months of royalties, 1 to 1,200.</param>
    /// <param name="options">The shape; <see langword="null"/> for the defaults.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> or an option is out of range.</exception>
    public static CashFlowSeries Royalties(DateOnly start, int months, RoyaltyDemoOptions? options = null, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 1200);
        options ??= new RoyaltyDemoOptions();
        if (!(options.BaseMonthly > 0) || !(options.AnnualDecay is >= 0 and < 1) || !(options.SeasonalAmplitude is >= 0 and < 1) || !(options.Noise is >= 0 and <= 1) || !(options.ShockProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "Royalty demo options out of range.");
        }

        var random = new SplitMix64(seed);
        var flows = new List<CashFlow>(months + 1);
        int offset = AddPurchase(flows, start, options.PurchasePrice);
        for (int i = 0; i < months; i++)
        {
            DateOnly date = MonthDate(start, i + offset);
            double decay = Math.Pow(1 - options.AnnualDecay, i / 12.0);
            double season = 1 + (options.SeasonalAmplitude * Math.Cos(2 * Math.PI * (date.Month - 12) / 12.0));
            double noise = Math.Exp((options.Noise * random.NextGaussian()) - (options.Noise * options.Noise / 2));
            double shock = 1;
            double u = random.NextDouble();
            if (u < options.ShockProbability / 2)
            {
                shock = 0.2 + (0.4 * random.NextDouble());
            }
            else if (u < options.ShockProbability)
            {
                shock = 1.5 + (1.5 * random.NextDouble());
            }

            flows.Add(new CashFlow(date, Math.Round(options.BaseMonthly * decay * season * noise * shock, 2)));
        }

        return CashFlowSeries.Create(flows);
    }

    /// <summary>
    /// Monthly rent of a REIT-like property: the occupied units × the rent per unit (escalated every twelve months), with
    /// random vacancies of 1 to 6 months per unit. With a purchase price the first flow is the purchase.
    /// </summary>
    /// <param name="start">The first date.</param>
    /// <param name="months">Months of rent, 1 to 1,200.</param>
    /// <param name="options">The shape; <see langword="null"/> for the defaults.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The series (a month with every unit vacant has an amount of 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> or an option is out of range.</exception>
    public static CashFlowSeries Rent(DateOnly start, int months, RentDemoOptions? options = null, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 1200);
        options ??= new RentDemoOptions();
        if (options.Units is < 1 or > 100_000 || !(options.RentPerUnit > 0) || !(options.AnnualEscalation is > -1 and < 1) || !(options.VacancyProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "Rent demo options out of range.");
        }

        var random = new SplitMix64(seed);
        var vacantFor = new int[options.Units];
        var flows = new List<CashFlow>(months + 1);
        int offset = AddPurchase(flows, start, options.PurchasePrice);
        for (int i = 0; i < months; i++)
        {
            double rent = options.RentPerUnit * Math.Pow(1 + options.AnnualEscalation, i / 12);
            int occupied = 0;
            for (int u = 0; u < vacantFor.Length; u++)
            {
                if (vacantFor[u] > 0)
                {
                    vacantFor[u]--;
                    continue;
                }

                if (random.NextDouble() < options.VacancyProbability)
                {
                    vacantFor[u] = (int)(random.Next() % 6);
                    continue;
                }

                occupied++;
            }

            flows.Add(new CashFlow(MonthDate(start, i + offset), Math.Round(occupied * rent, 2)));
        }

        return CashFlowSeries.Create(flows);
    }

    private static int AddPurchase(List<CashFlow> flows, DateOnly start, double? price)
    {
        if (price is not double p)
        {
            return 0;
        }

        if (!(p > 0) || !double.IsFinite(p))
        {
            throw new ArgumentOutOfRangeException(nameof(price), p, "The purchase price must be positive and finite.");
        }

        flows.Add(new CashFlow(start, -p));
        return 1;
    }

    private static DateOnly MonthDate(DateOnly start, int index)
    {
        DateOnly d = start.AddMonths(index);
        bool monthEnd = start.Day == DateTime.DaysInMonth(start.Year, start.Month);
        return monthEnd ? new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)) : d;
    }

    /// <summary>SplitMix64: a tiny generator whose output is fixed by its definition.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public ulong Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
        public double NextGaussian() => Math.Sqrt(-2 * Math.Log(1 - NextDouble())) * Math.Cos(2 * Math.PI * NextDouble());
    }
}
