namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// The common frequency-based rarity methods, over every trait type of the collection (Null categories and the
/// trait-count meta trait included, as rarity.tools does), with p = c / N.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description><c>rarity-score</c> (rarity.tools): Σ N / c; higher is rarer.</description></item>
/// <item><description><c>statistical</c>: Π p; lower is rarer. Same order as OpenRarity's score without its unique-trait rule.</description></item>
/// <item><description><c>average</c>: (1/k) Σ p; lower is rarer. Dominated by common traits.</description></item>
/// <item><description><c>rarest</c>: min p; lower is rarer. Many ties.</description></item>
/// </list>
/// Ranks are by score alone; <see cref="RarityResult.OpenRarityRanks"/> also gives the unique-traits-first order.
/// Instances are stateless and thread-safe.
/// </remarks>
internal sealed class TraitFrequencyScorer : IRarityScorer
{
    private readonly Reduction _reduction;

    private TraitFrequencyScorer(string name, Reduction reduction)
    {
        Name = name;
        _reduction = reduction;
    }

    private enum Reduction
    {
        SumOfInverse,
        Product,
        Mean,
        Min,
    }

    public static TraitFrequencyScorer RarityScore { get; } = new("rarity-score", Reduction.SumOfInverse);

    public static TraitFrequencyScorer Statistical { get; } = new("statistical", Reduction.Product);

    public static TraitFrequencyScorer Average { get; } = new("average", Reduction.Mean);

    public static TraitFrequencyScorer Rarest { get; } = new("rarest", Reduction.Min);

    public string Name { get; }

    public RarityResult Score(TraitTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = table.TokenCount;
        int t = table.TraitTypeCount;
        var offsets = new int[t];
        int size = 0;
        for (int c = 0; c < t; c++)
        {
            offsets[c] = size;
            size += table.TraitTypes[c].Counts.Length;
        }

        var terms = new double[size];
        for (int c = 0; c < t; c++)
        {
            ReadOnlySpan<int> counts = table.TraitTypes[c].Counts;
            for (int v = 0; v < counts.Length; v++)
            {
                terms[offsets[c] + v] = _reduction == Reduction.SumOfInverse ? (double)n / counts[v] : (double)counts[v] / n;
            }
        }

        var scores = new double[n];
        ReadOnlySpan<int> cells = table.Cells;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> row = cells.Slice(i * t, t);
            double acc = _reduction switch
            {
                Reduction.Product => 1.0,
                Reduction.Min => double.PositiveInfinity,
                _ => 0.0,
            };
            for (int c = 0; c < row.Length; c++)
            {
                double term = terms[offsets[c] + row[c]];
                acc = _reduction switch
                {
                    Reduction.Product => acc * term,
                    Reduction.Min => Math.Min(acc, term),
                    _ => acc + term,
                };
            }

            scores[i] = _reduction == Reduction.Mean ? acc / t : acc;
        }

        return RarityResult.Create(table, Name, scores, higherIsRarer: _reduction == Reduction.SumOfInverse, ranksByUniqueTraitsFirst: false);
    }
}
