using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Appraisal;

/// <summary>
/// The trait design matrix of a collection, built once: for each token its trait indicators (one column per
/// (trait type, value), the Null category being the baseline), its OpenRarity score standardised over the collection,
/// and the information content −log2(count / N) of each of its trait values (0 for Null).
/// </summary>
/// <remarks>
/// Column layout of the hedonic model: indicators <c>[0, IndicatorCount)</c>, then the rarity score, then one
/// information-content column per trait type. Immutable and thread-safe.
/// </remarks>
internal sealed class TraitFeatures
{
    private readonly int[] _indicatorStart;
    private readonly int[] _indicators;
    private readonly double[] _rarity;
    private readonly double[] _information;
    private readonly int[] _columnTraitType;
    private readonly int[] _columnValue;
    private readonly int[] _group;
    private readonly ulong[] _bits;
    private readonly int _words;
    private readonly int[] _indicatorCount;

    private TraitFeatures(TraitTable table, int[] indicatorStart, int[] indicators, double[] rarity, double[] information, int[] columnTraitType, int[] columnValue, int groupTraitType, int[] group)
    {
        Table = table;
        _indicatorStart = indicatorStart;
        _indicators = indicators;
        _rarity = rarity;
        _information = information;
        _columnTraitType = columnTraitType;
        _columnValue = columnValue;
        GroupTraitType = groupTraitType;
        _group = group;
        int n = table.TokenCount;
        _words = (columnTraitType.Length + 63) / 64;
        _bits = new ulong[n * _words];
        _indicatorCount = new int[n];
        for (int r = 0; r < n; r++)
        {
            for (int i = indicatorStart[r]; i < indicatorStart[r + 1]; i++)
            {
                _bits[(r * _words) + (indicators[i] >> 6)] |= 1UL << (indicators[i] & 63);
            }

            _indicatorCount[r] = indicatorStart[r + 1] - indicatorStart[r];
        }
    }

    public TraitTable Table { get; }

    public int TraitTypeCount => Table.TraitTypeCount;

    public int IndicatorCount => _columnTraitType.Length;

    public int RarityColumn => IndicatorCount;

    public int InformationColumn(int traitType) => IndicatorCount + 1 + traitType;

    public int ColumnCount => IndicatorCount + 1 + TraitTypeCount;

    /// <summary>The trait type comparable sales must share (a column named <c>type</c>), or -1.</summary>
    public int GroupTraitType { get; }

    public static TraitFeatures Create(TraitTable table)
    {
        int types = table.TraitTypeCount;
        var offsets = new int[types];
        int columns = 0;
        for (int t = 0; t < types; t++)
        {
            offsets[t] = columns;
            columns += table.TraitTypes[t].ValueCount;
        }

        var columnTraitType = new int[columns];
        var columnValue = new int[columns];
        for (int t = 0; t < types; t++)
        {
            for (int v = 1; v <= table.TraitTypes[t].ValueCount; v++)
            {
                columnTraitType[offsets[t] + v - 1] = t;
                columnValue[offsets[t] + v - 1] = v;
            }
        }

        int n = table.TokenCount;
        var start = new int[n + 1];
        var list = new List<int>(n * 8);
        var information = new double[n * types];
        int groupType = table.IndexOfTraitType("type");
        var group = new int[n];
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<int> row = table.GetRow(r);
            for (int t = 0; t < types; t++)
            {
                int v = row[t];
                if (v != 0)
                {
                    list.Add(offsets[t] + v - 1);
                    information[(r * types) + t] = OpenRarityScorer.InformationContent(n, table.TraitTypes[t].Counts[v]);
                }
            }

            start[r + 1] = list.Count;
            group[r] = groupType < 0 ? 0 : row[groupType];
        }

        double[] scores = OpenRarityScorer.Instance.Score(table).Scores.ToArray();
        double mean = 0;
        foreach (double s in scores)
        {
            mean += s;
        }

        mean /= n;
        double variance = 0;
        foreach (double s in scores)
        {
            variance += (s - mean) * (s - mean);
        }

        double sd = Math.Sqrt(variance / n);
        var rarity = new double[n];
        for (int r = 0; r < n; r++)
        {
            rarity[r] = sd > 0 ? (scores[r] - mean) / sd : 0;
        }

        return new TraitFeatures(table, start, [.. list], rarity, information, columnTraitType, columnValue, groupType, group);
    }

    /// <summary>The indicator columns of a token, increasing.</summary>
    public ReadOnlySpan<int> Indicators(int row) => _indicators.AsSpan(_indicatorStart[row], _indicatorStart[row + 1] - _indicatorStart[row]);

    public double Rarity(int row) => _rarity[row];

    public ReadOnlySpan<double> Information(int row) => _information.AsSpan(row * TraitTypeCount, TraitTypeCount);

    public int Group(int row) => _group[row];

    public int ColumnTraitType(int column) => _columnTraitType[column];

    public int ColumnValue(int column) => _columnValue[column];

    /// <summary>Jaccard similarity of two tokens' trait sets (indicators), in [0, 1].</summary>
    public double Similarity(int a, int b)
    {
        ReadOnlySpan<ulong> x = _bits.AsSpan(a * _words, _words);
        ReadOnlySpan<ulong> y = _bits.AsSpan(b * _words, _words);
        int both = 0;
        for (int w = 0; w < x.Length; w++)
        {
            both += System.Numerics.BitOperations.PopCount(x[w] & y[w]);
        }

        int union = _indicatorCount[a] + _indicatorCount[b] - both;
        return union == 0 ? 1 : (double)both / union;
    }
}
