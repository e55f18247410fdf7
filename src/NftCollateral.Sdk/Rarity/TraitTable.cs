namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// A collection's traits in columnar form: one row per token (in input order), one column per normalized trait type
/// (in order of first appearance, OpenRarity's trait-count meta trait included), each cell an interned value id.
/// </summary>
/// <remarks>
/// <para>
/// Build one with <see cref="Build"/>. Names and values are normalized as OpenRarity does (<c>lower().strip()</c> with
/// Python semantics); a missing trait is value id 0, the Null category. With the default options the table is exactly
/// the collection OpenRarity 0.7.5 scores: one value per trait type (the last one, at the position of the first), the
/// meta trait <c>meta_trait:trait_count</c> appended to every token, numeric and date traits refused.
/// </para>
/// <para>Instances are immutable and thread-safe; scorers only read them.</para>
/// </remarks>
public sealed class TraitTable
{
    private readonly string[] _tokenIds;
    private readonly TraitType[] _traitTypes;
    private readonly int[] _cells;
    private readonly TokenIdIndex _tokenIndex;
    private readonly string[] _excludedTokenIds;

    internal TraitTable(
        string[] tokenIds,
        TokenIdIndex tokenIndex,
        TraitType[] traitTypes,
        int[] cells,
        string[] excludedTokenIds,
        TraitTableOptions options,
        string? name)
    {
        _tokenIds = tokenIds;
        _tokenIndex = tokenIndex;
        _traitTypes = traitTypes;
        _cells = cells;
        _excludedTokenIds = excludedTokenIds;
        Options = options;
        Name = name;
    }

    /// <summary>Gets the collection name, when the source gives one.</summary>
    public string? Name { get; }

    /// <summary>Gets the options the table was built with.</summary>
    public TraitTableOptions Options { get; }

    /// <summary>Gets N, the number of tokens scored: the tokens supplied, less any excluded empty tokens (not the contract's max supply).</summary>
    public int TokenCount => _tokenIds.Length;

    /// <summary>Gets the number of columns, the trait-count meta trait included.</summary>
    public int TraitTypeCount => _traitTypes.Length;

    /// <summary>Gets the token ids, in input order (row order).</summary>
    public IReadOnlyList<string> TokenIds => _tokenIds;

    /// <summary>Gets the columns, in order of first appearance.</summary>
    public IReadOnlyList<TraitType> TraitTypes => _traitTypes;

    /// <summary>Gets the ids of tokens left out because they had no traits (only with <see cref="TraitTableOptions.ExcludeEmptyTokens"/>).</summary>
    public IReadOnlyList<string> ExcludedTokenIds => _excludedTokenIds;

    /// <summary>Gets all cells, row-major: the value id of token <c>i</c> for trait type <c>t</c> is at <c>i * TraitTypeCount + t</c>.</summary>
    public ReadOnlySpan<int> Cells => _cells;

    internal int[] CellArray => _cells;

    /// <summary>Builds a table from tokens and their attributes.</summary>
    /// <param name="tokens">The tokens, in collection order (the order matters only for ties and last-bit entropy).</param>
    /// <param name="options">Build options; <see langword="null"/> for <see cref="TraitTableOptions.OpenRarity"/>.</param>
    /// <param name="name">An optional collection name carried into results.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TraitTableOptions.NumericBinCount"/> is less than 1.</exception>
    /// <exception cref="CollectionDataException">
    /// A token has no id, two tokens share an id, the collection is empty, or a numeric or date trait is present while
    /// <see cref="TraitTableOptions.NumericTraits"/> is <see cref="NumericTraitHandling.Reject"/>.
    /// </exception>
    public static TraitTable Build(IEnumerable<TokenTraits> tokens, TraitTableOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        options ??= TraitTableOptions.OpenRarity;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumericBinCount, 1, nameof(options));
        return new TraitTableBuilder(options).Build(tokens, name);
    }

    /// <summary>Gets the value ids of one token, one per trait type.</summary>
    /// <param name="tokenIndex">The row (input position) of the token.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenIndex"/> is out of range.</exception>
    public ReadOnlySpan<int> GetRow(int tokenIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokenIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tokenIndex, _tokenIds.Length);
        return _cells.AsSpan(tokenIndex * _traitTypes.Length, _traitTypes.Length);
    }

    /// <summary>Finds the row of a token.</summary>
    /// <param name="tokenId">The token id as the source writes it.</param>
    /// <param name="tokenIndex">The row, when found.</param>
    /// <returns><see langword="true"/> when the token is in the table.</returns>
    public bool TryGetTokenIndex(string tokenId, out int tokenIndex)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        return _tokenIndex.TryGet(tokenId, out tokenIndex);
    }

    /// <summary>Gets the row of a token.</summary>
    /// <param name="tokenId">The token id as the source writes it.</param>
    /// <returns>The row.</returns>
    /// <exception cref="KeyNotFoundException">The token is not in the table.</exception>
    public int GetTokenIndex(string tokenId) =>
        TryGetTokenIndex(tokenId, out int index)
            ? index
            : throw new KeyNotFoundException($"Token '{tokenId}' is not in the collection.");

    /// <summary>Finds a trait type by name (normalized the same way as the table's names).</summary>
    /// <param name="name">The trait type name in any casing or padding.</param>
    /// <returns>The column index, or -1.</returns>
    public int IndexOfTraitType(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string normalized = Text.PythonString.LowerStrip(name);
        for (int t = 0; t < _traitTypes.Length; t++)
        {
            if (_traitTypes[t].Name == normalized)
            {
                return t;
            }
        }

        return -1;
    }
}
