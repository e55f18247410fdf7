using System.Buffers;
using NftCollateral.Sdk.Text;

namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// OpenRarity 0.7.5's information-content scorer, reproduced to the operation: identical ranks on any collection and
/// scores equal to the reference within a relative 1e-12 (the last bits depend on the platform's <c>log2</c>, as
/// OpenRarity's own do).
/// </summary>
/// <remarks>
/// <para>
/// score = IC / H, where IC = −Σ log2(1 / (N / c)) over every trait type of the collection in code-point order of the
/// normalized names (the token's value, or the Null category), summed with numpy's pairwise summation; and H = −Σ p·log2 p
/// over every (trait type, value) pair, Null categories last within each type, summed sequentially in order of first
/// appearance; H = 1 when it is 0. Ranks: unique-trait count first, then score, with <c>math.isclose</c> ties
/// (<see cref="RarityRanking"/>).
/// </para>
/// <para>The instance is stateless and thread-safe.</para>
/// </remarks>
public sealed class OpenRarityScorer : IRarityScorer
{
    private OpenRarityScorer()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static OpenRarityScorer Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "openrarity";

    /// <inheritdoc/>
    public RarityResult Score(TraitTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = table.TokenCount;
        int t = table.TraitTypeCount;
        double entropy = CollectionEntropy(table);

        // Columns in Python sorted() order of names; per column, log2(1 / (N / c)) by value id, flattened.
        int[] columns = new int[t];
        for (int c = 0; c < t; c++)
        {
            columns[c] = c;
        }

        Array.Sort(columns, (a, b) => PythonString.CompareCodePoints(table.TraitTypes[a].Name, table.TraitTypes[b].Name));
        var offsets = new int[t];
        int size = 0;
        for (int j = 0; j < t; j++)
        {
            offsets[j] = size;
            size += table.TraitTypes[columns[j]].Counts.Length;
        }

        var logs = new double[size];
        for (int j = 0; j < t; j++)
        {
            ReadOnlySpan<int> counts = table.TraitTypes[columns[j]].Counts;
            for (int v = 0; v < counts.Length; v++)
            {
                logs[offsets[j] + v] = counts[v] > 0 ? Log2Probability(n, counts[v]) : double.NaN;
            }
        }

        var scores = new double[n];
        ReadOnlySpan<int> cells = table.Cells;
        double[]? rented = t > 256 ? ArrayPool<double>.Shared.Rent(t) : null;
        Span<double> terms = rented is null ? stackalloc double[t] : rented.AsSpan(0, t);
        try
        {
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<int> row = cells.Slice(i * t, t);
                for (int j = 0; j < terms.Length; j++)
                {
                    terms[j] = logs[offsets[j] + row[columns[j]]];
                }

                // numpy: np.sum starts from the additive identity, then the pairwise sum; IC is its negation.
                double ic = -(0.0 + NumpySum.Pairwise(terms));
                scores[i] = ic / entropy;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        return RarityResult.Create(table, Name, scores, higherIsRarer: true, ranksByUniqueTraitsFirst: true, entropy);
    }

    /// <summary>
    /// Computes OpenRarity's collection entropy H: −Σ p·log2 p over every (trait type, value) pair, Null categories
    /// included, in order of first appearance; 1 when the sum is 0 (one token, or all tokens identical).
    /// </summary>
    /// <param name="table">The collection.</param>
    /// <returns>H in bits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is <see langword="null"/>.</exception>
    public static double CollectionEntropy(TraitTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        double n = table.TokenCount;
        double sum = 0.0;
        foreach (TraitType type in table.TraitTypes)
        {
            ReadOnlySpan<int> counts = type.Counts;
            for (int v = 1; v < counts.Length; v++)
            {
                double p = counts[v] / n;
                sum += p * Math.Log2(p);
            }

            if (counts[0] > 0)
            {
                double p = counts[0] / n;
                sum += p * Math.Log2(p);
            }
        }

        double h = -sum;
        return h == 0 ? 1.0 : h;
    }

    /// <summary>One trait's information content in bits as OpenRarity computes it: −log2(1 / (N / c)).</summary>
    /// <param name="tokenCount">N, the number of tokens.</param>
    /// <param name="count">c, the number of tokens sharing the value.</param>
    /// <returns>The information content in bits.</returns>
    public static double InformationContent(int tokenCount, int count) => -Log2Probability(tokenCount, count);

    // Python: scores = N / count (true division); np.log2(np.reciprocal(scores)).
    private static double Log2Probability(int n, int count) => Math.Log2(1.0 / ((double)n / count));
}

/// <summary>numpy's summation of float64 arrays, to the bit.</summary>
internal static class NumpySum
{
    private const int BlockSize = 128;

    /// <summary>numpy's <c>pairwise_sum</c>: sequential below 8 values, eight accumulators up to 128, halves above.</summary>
    public static double Pairwise(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= BlockSize)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i;
            int whole = n - (n % 8);
            for (i = 8; i < whole; i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }

            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        int n2 = n / 2;
        n2 -= n2 % 8;
        return Pairwise(a[..n2]) + Pairwise(a[n2..]);
    }
}
