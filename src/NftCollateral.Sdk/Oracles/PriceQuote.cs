namespace NftCollateral.Sdk.Oracles;

/// <summary>A price returned by an <see cref="IPriceOracle"/>: a value in a currency, when the source observed it, and who said so.</summary>
/// <remarks>
/// <para>
/// A quote is what the source reported; it is not validated on construction beyond its text fields, so a raw
/// source answer of zero or less can be represented and then rejected by <see cref="NonPositiveGuardOracle"/>.
/// Oracles never return a default quote in place of a fault: they throw <see cref="OracleException"/>.
/// </para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public readonly record struct PriceQuote
{
    /// <summary>Initializes a new instance of the <see cref="PriceQuote"/> struct.</summary>
    /// <param name="value">The price, in <paramref name="currency"/> (not in wei or feed units).</param>
    /// <param name="currency">The currency of <paramref name="value"/>, e.g. <c>ETH</c> or <c>USD</c>.</param>
    /// <param name="timestamp">When the source says the price was observed or last updated (Chainlink's <c>updatedAt</c>), not when it was fetched.</param>
    /// <param name="source">The source's name, e.g. <c>chainlink:0x352f…</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> or <paramref name="source"/> is empty or white space.</exception>
    public PriceQuote(decimal value, string currency, DateTimeOffset timestamp, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Value = value;
        Currency = currency;
        Timestamp = timestamp;
        Source = source;
    }

    /// <summary>Gets the price, in <see cref="Currency"/>.</summary>
    public decimal Value { get; }

    /// <summary>Gets the currency of <see cref="Value"/>, e.g. <c>ETH</c>.</summary>
    public string Currency { get; }

    /// <summary>Gets when the source says the price was observed or last updated.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the source's name; for an aggregate such as <see cref="MedianPriceOracle"/>, a list of the sources used.</summary>
    public string Source { get; }

    /// <summary>Gets the source's round id (Chainlink's 80-bit <c>roundId</c>), when the source has rounds.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public UInt128? RoundId { get; init; }

    /// <summary>Gets the quotes an aggregate quote was computed from (e.g. by <see cref="MedianPriceOracle"/>), in source order.</summary>
    /// <value>The default value is <see langword="null"/> (a quote read from one source).</value>
    public IReadOnlyList<PriceQuote>? Constituents { get; init; }

    /// <summary>Returns a short description such as <c>12.5 ETH at 2024-01-01T00:00:00Z from chainlink</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Value} {Currency} at {Timestamp:O} from {Source}");
}
