namespace NftCollateral.Sdk.Oracles;

/// <summary>What a caller asks an <see cref="IPriceOracle"/> for: the price of a collection (its floor) or of one token, in a currency.</summary>
/// <remarks>
/// <para>
/// Equality is ordinal on every field, so <see cref="CachingPriceOracle"/> keys on the query as given. Normalise
/// addresses (for example to lower-case hex) before querying when several spellings of one collection are in use.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record PriceQuery
{
    /// <summary>Initializes a new instance of the <see cref="PriceQuery"/> class.</summary>
    /// <param name="collection">The collection's contract address (<c>0x…</c>) or slug.</param>
    /// <param name="currency">The currency the price is wanted in, e.g. <c>ETH</c> or <c>USD</c>.</param>
    /// <param name="tokenId">The token id for a token-level price, or <see langword="null"/> for the collection floor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or <paramref name="currency"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> or <paramref name="currency"/> is empty or white space, or <paramref name="tokenId"/> is empty or white space.</exception>
    public PriceQuery(string collection, string currency, string? tokenId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (tokenId is not null && string.IsNullOrWhiteSpace(tokenId))
        {
            throw new ArgumentException($"The token id must be null (collection floor) or non-blank, but was '{tokenId}'.", nameof(tokenId));
        }

        Collection = collection;
        Currency = currency;
        TokenId = tokenId;
    }

    /// <summary>Gets the collection's contract address or slug.</summary>
    public string Collection { get; }

    /// <summary>Gets the currency the price is wanted in, e.g. <c>ETH</c>.</summary>
    public string Currency { get; }

    /// <summary>Gets the token id, or <see langword="null"/> when the collection floor is asked for.</summary>
    public string? TokenId { get; }

    /// <summary>Returns a short description such as <c>0xbc4c…/1234 in ETH</c>, used in error messages.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => TokenId is null ? $"{Collection} in {Currency}" : $"{Collection}/{TokenId} in {Currency}";
}
