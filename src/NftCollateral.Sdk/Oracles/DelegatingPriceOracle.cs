namespace NftCollateral.Sdk.Oracles;

/// <summary>The base of price-oracle decorators: holds an inner oracle and, unless overridden, forwards every call to it.</summary>
/// <remarks>
/// Derive from this class to add behaviour (a check, a cache, logging) around any <see cref="IPriceOracle"/>.
/// A derived type must stay thread-safe, forward the cancellation token and let a caller's
/// <see cref="OperationCanceledException"/> pass through unchanged.
/// </remarks>
public abstract class DelegatingPriceOracle : IPriceOracle
{
    /// <summary>Initializes a new instance of the <see cref="DelegatingPriceOracle"/> class.</summary>
    /// <param name="innerOracle">The oracle to decorate.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerOracle"/> is <see langword="null"/>.</exception>
    protected DelegatingPriceOracle(IPriceOracle innerOracle)
    {
        ArgumentNullException.ThrowIfNull(innerOracle);
        InnerOracle = innerOracle;
    }

    /// <summary>Gets the decorated oracle.</summary>
    protected IPriceOracle InnerOracle { get; }

    /// <inheritdoc/>
    public virtual ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default) =>
        InnerOracle.GetPriceAsync(query, cancellationToken);
}
