namespace NftCollateral.Sdk.Oracles;

/// <summary>Asks an ordered list of oracles one at a time and returns the first quote obtained.</summary>
/// <remarks>
/// <para>
/// The oracles are tried in the order given; the next is asked only after the previous one threw. Any exception
/// moves on to the next oracle, except an <see cref="OperationCanceledException"/> raised because the caller's token
/// was cancelled, which stops the chain and propagates. When every oracle fails,
/// <see cref="OracleErrorKind.AllSourcesFailed"/> is thrown with each failure, in order, in
/// <see cref="OracleException.InnerExceptions"/> (and as an <see cref="AggregateException"/> in
/// <see cref="Exception.InnerException"/>).
/// </para>
/// <para>
/// Guard each source (staleness, positivity) inside the chain, so that a bad answer from the first source falls
/// through to the next one instead of failing the whole chain. This type is thread-safe.
/// </para>
/// </remarks>
public sealed class FallbackPriceOracle : IPriceOracle
{
    private readonly IPriceOracle[] _oracles;

    /// <summary>Initializes a new instance of the <see cref="FallbackPriceOracle"/> class.</summary>
    /// <param name="oracles">The oracles, most preferred first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="oracles"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="oracles"/> is empty.</exception>
    public FallbackPriceOracle(IEnumerable<IPriceOracle> oracles)
    {
        _oracles = OracleList.Copy(oracles, nameof(oracles));
    }

    /// <summary>Initializes a new instance of the <see cref="FallbackPriceOracle"/> class.</summary>
    /// <param name="oracles">The oracles, most preferred first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="oracles"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="oracles"/> is empty.</exception>
    public FallbackPriceOracle(params IPriceOracle[] oracles)
        : this((IEnumerable<IPriceOracle>)oracles)
    {
    }

    /// <summary>Gets the oracles, most preferred first.</summary>
    public IReadOnlyList<IPriceOracle> Oracles => _oracles;

    /// <inheritdoc/>
    /// <exception cref="OracleException">Every oracle failed (<see cref="OracleErrorKind.AllSourcesFailed"/>).</exception>
    public async ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var failures = new List<Exception>(_oracles.Length);
        foreach (IPriceOracle oracle in _oracles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await oracle.GetPriceAsync(query, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        throw new OracleException(
            OracleErrorKind.AllSourcesFailed,
            "fallback",
            query,
            OracleList.DescribeFailures(failures, _oracles.Length),
            failures);
    }
}

/// <summary>Helpers shared by the aggregate oracles.</summary>
internal static class OracleList
{
    public static IPriceOracle[] Copy(IEnumerable<IPriceOracle> oracles, string paramName)
    {
        ArgumentNullException.ThrowIfNull(oracles, paramName);
        IPriceOracle[] copy = [.. oracles];
        if (copy.Length == 0)
        {
            throw new ArgumentException("At least one oracle is required, but the list is empty.", paramName);
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null)
            {
                throw new ArgumentNullException(paramName, $"Oracle #{i + 1} of {copy.Length} is null.");
            }
        }

        return copy;
    }

    public static string DescribeFailures(IReadOnlyList<Exception> failures, int sourceCount)
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{failures.Count} of {sourceCount} sources failed");
        for (int i = 0; i < failures.Count; i++)
        {
            text.Append(i == 0 ? ": " : "; ").Append(failures[i].Message);
        }

        return text.ToString();
    }
}
