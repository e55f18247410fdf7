namespace NftCollateral.Sdk.Rarity;

/// <summary>Scores and ranks every token of a <see cref="TraitTable"/>.</summary>
/// <remarks>
/// <para>
/// Implementations compute one score per token and hand it to <see cref="RarityResult.Create"/>, which derives the
/// unique-trait counts, both rank orders and the per-trait breakdown, so a custom method only writes its formula.
/// </para>
/// <para>Implementations must be thread-safe: one instance may score many tables concurrently.</para>
/// </remarks>
public interface IRarityScorer
{
    /// <summary>Gets the method's short name (e.g. <c>openrarity</c>), as the CLI and JSON output spell it.</summary>
    string Name { get; }

    /// <summary>Scores and ranks every token of <paramref name="table"/>.</summary>
    /// <param name="table">The collection.</param>
    /// <returns>Scores, ranks and breakdowns for every token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is <see langword="null"/>.</exception>
    RarityResult Score(TraitTable table);
}

/// <summary>The built-in rarity methods.</summary>
public enum RarityMethod
{
    /// <summary>OpenRarity 0.7.5 information content, ranked by unique traits then score (the default).</summary>
    OpenRarity = 0,

    /// <summary>rarity.tools "Rarity Score": the sum over traits of 1/p.</summary>
    RarityScore = 1,

    /// <summary>Statistical rarity: the product over traits of p (lower is rarer).</summary>
    Statistical = 2,

    /// <summary>Average trait rarity: the mean over traits of p (lower is rarer).</summary>
    AverageTraitRarity = 3,

    /// <summary>Rarest-trait rarity: the smallest p among the token's traits (lower is rarer).</summary>
    RarestTrait = 4,
}

/// <summary>Creates the built-in scorers.</summary>
public static class RarityScorers
{
    /// <summary>Gets the OpenRarity-exact scorer (the default).</summary>
    public static IRarityScorer OpenRarity => OpenRarityScorer.Instance;

    /// <summary>Gets the scorer for a built-in method.</summary>
    /// <param name="method">The method.</param>
    /// <returns>A thread-safe, shared scorer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined method.</exception>
    public static IRarityScorer Get(RarityMethod method) => method switch
    {
        RarityMethod.OpenRarity => OpenRarityScorer.Instance,
        RarityMethod.RarityScore => TraitFrequencyScorer.RarityScore,
        RarityMethod.Statistical => TraitFrequencyScorer.Statistical,
        RarityMethod.AverageTraitRarity => TraitFrequencyScorer.Average,
        RarityMethod.RarestTrait => TraitFrequencyScorer.Rarest,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown rarity method."),
    };

    /// <summary>Gets the short name of a method (<c>openrarity</c>, <c>rarity-score</c>, <c>statistical</c>, <c>average</c>, <c>rarest</c>).</summary>
    /// <param name="method">The method.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined method.</exception>
    public static string GetName(RarityMethod method) => Get(method).Name;

    /// <summary>Parses a method's short name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="method">The method, when recognised.</param>
    /// <returns><see langword="true"/> when the name is a built-in method.</returns>
    public static bool TryParse(string? name, out RarityMethod method)
    {
        foreach (RarityMethod candidate in Enum.GetValues<RarityMethod>())
        {
            if (string.Equals(Get(candidate).Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }
}
