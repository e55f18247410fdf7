using System.Buffers;

namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// Ranking kernels shared by every scorer: a stable order by score (optionally by unique-trait count first) and
/// competition ranks where neighbours whose scores are <c>math.isclose</c> (relative tolerance 1e-9) share a rank.
/// </summary>
/// <remarks>
/// This is OpenRarity 0.7.5's <c>RarityRanker.set_rarity_ranks</c>: Python's stable <c>sorted(..., reverse=True)</c>
/// keeps input order among equal keys, and the tie test compares each token with the one just before it only, ignoring
/// the unique-trait count. The sort is an LSD radix sort over the scores' IEEE-754 bits, which is stable and
/// allocation-free apart from pooled buffers. All members are thread-safe.
/// </remarks>
public static class RarityRanking
{
    /// <summary>The relative tolerance under which two neighbouring scores share a rank (Python's <c>math.isclose</c> default).</summary>
    public const double RelativeTieTolerance = 1e-9;

    /// <summary>
    /// Orders tokens from rarest to most common and assigns competition ranks (1, 2, 2, 4).
    /// </summary>
    /// <param name="scores">One score per token, in input order.</param>
    /// <param name="uniqueTraitCounts">
    /// One unique-trait count per token to sort by first (descending), as OpenRarity does; empty to rank by score only.
    /// </param>
    /// <param name="higherIsRarer"><see langword="true"/> when a higher score means a rarer token.</param>
    /// <param name="order">Receives the token indices from rarest to most common.</param>
    /// <param name="ranks">Receives each token's rank (1-based), in input order.</param>
    /// <exception cref="ArgumentException">The spans' lengths do not match.</exception>
    public static void Rank(
        ReadOnlySpan<double> scores,
        ReadOnlySpan<int> uniqueTraitCounts,
        bool higherIsRarer,
        Span<int> order,
        Span<int> ranks)
    {
        int n = scores.Length;
        if (!uniqueTraitCounts.IsEmpty && uniqueTraitCounts.Length != n)
        {
            throw new ArgumentException("uniqueTraitCounts must be empty or as long as scores.", nameof(uniqueTraitCounts));
        }

        if (order.Length < n || ranks.Length < n)
        {
            throw new ArgumentException("order and ranks must be at least as long as scores.", order.Length < n ? nameof(order) : nameof(ranks));
        }

        order = order[..n];
        ranks = ranks[..n];
        SortByScore(scores, higherIsRarer, order);
        if (!uniqueTraitCounts.IsEmpty)
        {
            StableSortByUniqueDescending(uniqueTraitCounts, order);
        }

        AssignRanks(scores, order, ranks);
    }

    /// <summary>
    /// Ranks by score alone and by OpenRarity's rule (unique-trait count first) with one sort: the second order is a
    /// stable counting sort of the first.
    /// </summary>
    internal static void RankBoth(
        ReadOnlySpan<double> scores,
        ReadOnlySpan<int> uniqueTraitCounts,
        bool higherIsRarer,
        Span<int> scoreOrder,
        Span<int> scoreRanks,
        Span<int> uniqueFirstOrder,
        Span<int> uniqueFirstRanks)
    {
        SortByScore(scores, higherIsRarer, scoreOrder);
        AssignRanks(scores, scoreOrder, scoreRanks);
        scoreOrder.CopyTo(uniqueFirstOrder);
        StableSortByUniqueDescending(uniqueTraitCounts, uniqueFirstOrder);
        AssignRanks(scores, uniqueFirstOrder, uniqueFirstRanks);
    }

    /// <summary>Python's <c>math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)</c>.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns><see langword="true"/> when the values are equal or within the relative tolerance.</returns>
    public static bool IsClose(double a, double b)
    {
        if (a == b)
        {
            return true;
        }

        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return false;
        }

        double diff = Math.Abs(b - a);
        return diff <= Math.Abs(RelativeTieTolerance * b) || diff <= Math.Abs(RelativeTieTolerance * a);
    }

    private static void AssignRanks(ReadOnlySpan<double> scores, ReadOnlySpan<int> order, Span<int> ranks)
    {
        if (order.IsEmpty)
        {
            return;
        }

        int previous = order[0];
        ranks[previous] = 1;
        for (int i = 1; i < order.Length; i++)
        {
            int current = order[i];
            ranks[current] = IsClose(scores[current], scores[previous]) ? ranks[previous] : i + 1;
            previous = current;
        }
    }

    // Stable LSD radix sort of token indices by score (descending when higherIsRarer), input order among equal scores.
    private static void SortByScore(ReadOnlySpan<double> scores, bool higherIsRarer, Span<int> order)
    {
        int n = scores.Length;
        ulong[] keysArray = ArrayPool<ulong>.Shared.Rent(n * 2);
        int[] scratchArray = ArrayPool<int>.Shared.Rent(n);
        int[] countsArray = ArrayPool<int>.Shared.Rent(256);
        try
        {
            Span<ulong> keys = keysArray.AsSpan(0, n);
            Span<ulong> keysScratch = keysArray.AsSpan(n, n);
            Span<int> scratch = scratchArray.AsSpan(0, n);
            Span<int> counts = countsArray.AsSpan(0, 256);
            for (int i = 0; i < n; i++)
            {
                ulong key = OrderedBits(scores[i]);
                keys[i] = higherIsRarer ? ~key : key;
                order[i] = i;
            }

            Span<ulong> srcKeys = keys;
            Span<ulong> dstKeys = keysScratch;
            Span<int> src = order;
            Span<int> dst = scratch;
            for (int shift = 0; shift < 64; shift += 8)
            {
                counts.Clear();
                for (int i = 0; i < n; i++)
                {
                    counts[(int)(srcKeys[i] >> shift) & 0xFF]++;
                }

                if (n == 0 || counts[(int)(srcKeys[0] >> shift) & 0xFF] == n)
                {
                    continue; // every key shares this byte: the pass would not move anything
                }

                int sum = 0;
                for (int b = 0; b < 256; b++)
                {
                    int c = counts[b];
                    counts[b] = sum;
                    sum += c;
                }

                for (int i = 0; i < n; i++)
                {
                    int bucket = (int)(srcKeys[i] >> shift) & 0xFF;
                    int at = counts[bucket]++;
                    dstKeys[at] = srcKeys[i];
                    dst[at] = src[i];
                }

                Span<ulong> tk = srcKeys;
                srcKeys = dstKeys;
                dstKeys = tk;
                Span<int> ti = src;
                src = dst;
                dst = ti;
            }

            if (src != order)
            {
                src.CopyTo(order);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(countsArray);
            ArrayPool<int>.Shared.Return(scratchArray);
            ArrayPool<ulong>.Shared.Return(keysArray);
        }
    }

    // Stable counting sort of an existing order by unique count, descending.
    private static void StableSortByUniqueDescending(ReadOnlySpan<int> unique, Span<int> order)
    {
        int n = order.Length;
        int max = 0;
        for (int i = 0; i < unique.Length; i++)
        {
            if (unique[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(unique), unique[i], "Unique-trait counts cannot be negative.");
            }

            max = Math.Max(max, unique[i]);
        }

        if (max == 0)
        {
            return;
        }

        int[] countsArray = ArrayPool<int>.Shared.Rent(max + 2);
        int[] copyArray = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Span<int> starts = countsArray.AsSpan(0, max + 2);
            starts.Clear();
            for (int i = 0; i < n; i++)
            {
                starts[max - unique[order[i]] + 1]++;
            }

            for (int b = 1; b < starts.Length; b++)
            {
                starts[b] += starts[b - 1];
            }

            Span<int> copy = copyArray.AsSpan(0, n);
            order.CopyTo(copy);
            for (int i = 0; i < n; i++)
            {
                int token = copy[i];
                order[starts[max - unique[token]]++] = token;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(copyArray);
            ArrayPool<int>.Shared.Return(countsArray);
        }
    }

    // Maps a double to an unsigned key with the same order (-0.0 and +0.0 equal, as Python compares them).
    private static ulong OrderedBits(double value)
    {
        if (value == 0)
        {
            value = 0; // folds -0.0 into +0.0
        }

        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }
}
