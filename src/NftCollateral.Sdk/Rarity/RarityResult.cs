namespace NftCollateral.Sdk.Rarity;

/// <summary>One token's rarity: its score, its ranks and its unique-trait count.</summary>
/// <param name="TokenId">The token id as the source writes it.</param>
/// <param name="TokenIndex">The token's row in the <see cref="TraitTable"/>.</param>
/// <param name="Score">The method's score.</param>
/// <param name="Rank">The method's own rank (1 = rarest): OpenRarity's rank for OpenRarity, the score rank otherwise.</param>
/// <param name="OpenRarityRank">The rank by OpenRarity's rule: unique-trait count first, then score.</param>
/// <param name="ScoreRank">The rank by score alone.</param>
/// <param name="UniqueTraitCount">How many of the token's own values (meta trait included, Null never) no other token has.</param>
public readonly record struct TokenRarity(
    string TokenId,
    int TokenIndex,
    double Score,
    int Rank,
    int OpenRarityRank,
    int ScoreRank,
    int UniqueTraitCount);

/// <summary>One trait's part in a token's rarity.</summary>
/// <param name="TraitType">The normalized trait type.</param>
/// <param name="DisplayName">The trait type as first written in the source.</param>
/// <param name="Value">The token's value as written in the source, or <c>"null"</c> when it lacks the trait.</param>
/// <param name="IsNull">Whether the token lacks the trait (the Null category).</param>
/// <param name="IsTraitCount">Whether this is OpenRarity's trait-count meta trait.</param>
/// <param name="Count">How many tokens share this value (or lack the trait).</param>
/// <param name="Probability">The value's frequency, <c>Count / N</c>.</param>
/// <param name="InformationContent">The value's information content in bits, <c>-log2(p)</c>.</param>
/// <param name="IsUnique">Whether no other token has this value (never true for the Null category).</param>
public readonly record struct TraitContribution(
    string TraitType,
    string DisplayName,
    string Value,
    bool IsNull,
    bool IsTraitCount,
    int Count,
    double Probability,
    double InformationContent,
    bool IsUnique);

/// <summary>The scores and ranks of every token of a collection under one method.</summary>
/// <remarks>
/// Arrays are indexed by token row (input order). Breakdowns are computed on demand, so scoring stays cheap for large
/// collections. Instances are immutable and thread-safe.
/// </remarks>
public sealed class RarityResult
{
    private readonly double[] _scores;
    private readonly int[] _uniqueCounts;
    private readonly int[] _openRarityRanks;
    private readonly int[] _openRarityOrder;
    private readonly int[] _scoreRanks;
    private readonly int[] _scoreOrder;

    private RarityResult(
        TraitTable table,
        string method,
        bool higherIsRarer,
        bool ranksByUniqueTraitsFirst,
        double? collectionEntropy,
        double[] scores,
        int[] uniqueCounts,
        int[] openRarityRanks,
        int[] openRarityOrder,
        int[] scoreRanks,
        int[] scoreOrder)
    {
        Table = table;
        Method = method;
        HigherIsRarer = higherIsRarer;
        RanksByUniqueTraitsFirst = ranksByUniqueTraitsFirst;
        CollectionEntropy = collectionEntropy;
        _scores = scores;
        _uniqueCounts = uniqueCounts;
        _openRarityRanks = openRarityRanks;
        _openRarityOrder = openRarityOrder;
        _scoreRanks = scoreRanks;
        _scoreOrder = scoreOrder;
    }

    /// <summary>Gets the collection that was scored.</summary>
    public TraitTable Table { get; }

    /// <summary>Gets the method's short name (e.g. <c>openrarity</c>).</summary>
    public string Method { get; }

    /// <summary>Gets N, the number of tokens scored.</summary>
    public int TokenCount => _scores.Length;

    /// <summary>Gets a value indicating whether a higher score means a rarer token.</summary>
    public bool HigherIsRarer { get; }

    /// <summary>Gets a value indicating whether <see cref="Ranks"/> follows OpenRarity's rule (unique traits first) rather than score alone.</summary>
    public bool RanksByUniqueTraitsFirst { get; }

    /// <summary>Gets OpenRarity's collection entropy H in bits (the sum of every trait's Shannon entropy), for OpenRarity results.</summary>
    public double? CollectionEntropy { get; }

    /// <summary>Gets the scores, by token row.</summary>
    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>Gets the unique-trait counts, by token row.</summary>
    public ReadOnlySpan<int> UniqueTraitCounts => _uniqueCounts;

    /// <summary>Gets the method's own ranks, by token row (see <see cref="RanksByUniqueTraitsFirst"/>).</summary>
    public ReadOnlySpan<int> Ranks => RanksByUniqueTraitsFirst ? _openRarityRanks : _scoreRanks;

    /// <summary>Gets the ranks by OpenRarity's rule (unique-trait count first, then score), by token row.</summary>
    public ReadOnlySpan<int> OpenRarityRanks => _openRarityRanks;

    /// <summary>Gets the ranks by score alone, by token row.</summary>
    public ReadOnlySpan<int> ScoreRanks => _scoreRanks;

    /// <summary>Gets the token rows from rarest to most common by <see cref="Ranks"/>; ties keep input order.</summary>
    public ReadOnlySpan<int> RankOrder => RanksByUniqueTraitsFirst ? _openRarityOrder : _scoreOrder;

    /// <summary>Gets one token's rarity by row.</summary>
    /// <param name="tokenIndex">The token row.</param>
    /// <returns>The token's rarity.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenIndex"/> is out of range.</exception>
    public TokenRarity this[int tokenIndex]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(tokenIndex);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tokenIndex, _scores.Length);
            return new TokenRarity(
                Table.TokenIds[tokenIndex],
                tokenIndex,
                _scores[tokenIndex],
                Ranks[tokenIndex],
                _openRarityRanks[tokenIndex],
                _scoreRanks[tokenIndex],
                _uniqueCounts[tokenIndex]);
        }
    }

    /// <summary>
    /// Creates a result from one score per token: derives unique-trait counts, both rankings and breakdowns. Custom
    /// <see cref="IRarityScorer"/> implementations call this.
    /// </summary>
    /// <param name="table">The collection that was scored.</param>
    /// <param name="method">The method's short name.</param>
    /// <param name="scores">One score per token row; the array is owned by the result afterwards.</param>
    /// <param name="higherIsRarer"><see langword="true"/> when a higher score means a rarer token.</param>
    /// <param name="ranksByUniqueTraitsFirst">Whether <see cref="Ranks"/> follows OpenRarity's unique-traits-first rule.</param>
    /// <param name="collectionEntropy">OpenRarity's collection entropy, when the method has one.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="scores"/> does not have one score per token.</exception>
    public static RarityResult Create(
        TraitTable table,
        string method,
        double[] scores,
        bool higherIsRarer,
        bool ranksByUniqueTraitsFirst,
        double? collectionEntropy = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Length != table.TokenCount)
        {
            throw new ArgumentException($"Expected {table.TokenCount} scores, one per token, but got {scores.Length}.", nameof(scores));
        }

        int n = scores.Length;
        int[] unique = UniqueTraitCountsOf(table);
        var scoreOrder = new int[n];
        var scoreRanks = new int[n];
        var openOrder = new int[n];
        var openRanks = new int[n];
        RarityRanking.RankBoth(scores, unique, higherIsRarer, scoreOrder, scoreRanks, openOrder, openRanks);
        return new RarityResult(table, method, higherIsRarer, ranksByUniqueTraitsFirst, collectionEntropy, scores, unique, openRanks, openOrder, scoreRanks, scoreOrder);
    }

    /// <summary>Gets one token's rarity by id.</summary>
    /// <param name="tokenId">The token id as the source writes it.</param>
    /// <returns>The token's rarity.</returns>
    /// <exception cref="KeyNotFoundException">The token is not in the collection.</exception>
    public TokenRarity GetToken(string tokenId) => this[Table.GetTokenIndex(tokenId)];

    /// <summary>Enumerates the tokens from rarest to most common by <see cref="Ranks"/>.</summary>
    /// <returns>The tokens in rank order.</returns>
    public IEnumerable<TokenRarity> InRankOrder()
    {
        int[] order = RanksByUniqueTraitsFirst ? _openRarityOrder : _scoreOrder;
        foreach (int index in order)
        {
            yield return this[index];
        }
    }

    /// <summary>
    /// Gets a token's per-trait breakdown, in the table's column order: every trait type (the Null category where the
    /// token lacks it, the trait-count meta trait included), with its probability and information content.
    /// </summary>
    /// <param name="tokenIndex">The token row.</param>
    /// <returns>One entry per trait type.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenIndex"/> is out of range.</exception>
    public IReadOnlyList<TraitContribution> GetBreakdown(int tokenIndex)
    {
        ReadOnlySpan<int> row = Table.GetRow(tokenIndex);
        int n = Table.TokenCount;
        var result = new TraitContribution[row.Length];
        for (int t = 0; t < row.Length; t++)
        {
            TraitType type = Table.TraitTypes[t];
            int valueId = row[t];
            int count = type.Counts[valueId];
            result[t] = new TraitContribution(
                type.Name,
                type.DisplayName,
                type.GetDisplayValue(valueId),
                valueId == 0,
                type.IsTraitCount,
                count,
                (double)count / n,
                OpenRarityScorer.InformationContent(n, count),
                valueId != 0 && count == 1);
        }

        return result;
    }

    private static int[] UniqueTraitCountsOf(TraitTable table)
    {
        int n = table.TokenCount;
        int t = table.TraitTypeCount;
        var unique = new int[n];
        ReadOnlySpan<int> cells = table.Cells;
        var isUnique = new bool[t][];
        for (int c = 0; c < t; c++)
        {
            ReadOnlySpan<int> counts = table.TraitTypes[c].Counts;
            isUnique[c] = new bool[counts.Length];
            for (int v = 1; v < counts.Length; v++)
            {
                isUnique[c][v] = counts[v] == 1;
            }
        }

        for (int i = 0; i < n; i++)
        {
            int u = 0;
            ReadOnlySpan<int> row = cells.Slice(i * t, t);
            for (int c = 0; c < row.Length; c++)
            {
                if (isUnique[c][row[c]])
                {
                    u++;
                }
            }

            unique[i] = u;
        }

        return unique;
    }
}
