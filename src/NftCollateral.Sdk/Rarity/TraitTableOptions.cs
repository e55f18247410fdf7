namespace NftCollateral.Sdk.Rarity;

/// <summary>How numeric and date traits are treated when a trait table is built.</summary>
public enum NumericTraitHandling
{
    /// <summary>Refuse the collection, as OpenRarity 0.7 does (the default).</summary>
    Reject = 0,

    /// <summary>Treat each distinct number as a category, by its source text.</summary>
    Categorical = 1,

    /// <summary>Group numbers into equal-width bins per trait type (see <see cref="TraitTableOptions.NumericBinCount"/>).</summary>
    Binned = 2,
}

/// <summary>
/// Options for building a <see cref="TraitTable"/>. The defaults reproduce OpenRarity 0.7.5 exactly; every option that
/// departs from it is off by default.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed record TraitTableOptions
{
    /// <summary>Gets the OpenRarity-compatible defaults.</summary>
    public static TraitTableOptions OpenRarity { get; } = new();

    /// <summary>
    /// Gets a value indicating whether a trait type that repeats within a token keeps all of its values as a set
    /// (one category per distinct set) instead of the last value only.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: the last value wins, at the position of the first (OpenRarity, issue #73).</value>
    public bool MultiValuedTraits { get; init; }

    /// <summary>
    /// Gets a value indicating whether the explicit values <c>"none"</c>, <c>""</c> and <c>"null"</c> (after normalization)
    /// are merged with a missing trait into one Null category.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: OpenRarity keeps four separate categories.</value>
    public bool MergeNullValues { get; init; }

    /// <summary>
    /// Gets a value indicating whether tokens with no traits at all (burned or unrevealed) are left out of the collection;
    /// they are listed in <see cref="TraitTable.ExcludedTokenIds"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: OpenRarity scores them (and an empty token often ranks first, issue #108).</value>
    public bool ExcludeEmptyTokens { get; init; }

    /// <summary>Gets how numeric and date traits are treated.</summary>
    /// <value>The default value is <see cref="NumericTraitHandling.Reject"/>.</value>
    public NumericTraitHandling NumericTraits { get; init; }

    /// <summary>Gets the largest number of bins per numeric trait type, for <see cref="NumericTraitHandling.Binned"/>.</summary>
    /// <value>The default value is 10. A trait type with fewer distinct numbers gets one category per number.</value>
    public int NumericBinCount { get; init; } = 10;

    /// <summary>Gets a value indicating whether every option has its OpenRarity-compatible default.</summary>
    public bool IsOpenRarityCompatible =>
        !MultiValuedTraits && !MergeNullValues && !ExcludeEmptyTokens && NumericTraits == NumericTraitHandling.Reject;
}
