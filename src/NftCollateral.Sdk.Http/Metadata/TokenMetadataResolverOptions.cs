namespace NftCollateral.Sdk.Http.Metadata;

/// <summary>Settings for <see cref="TokenMetadataResolver"/>.</summary>
public sealed record TokenMetadataResolverOptions
{
    /// <summary>Gets the IPFS HTTP gateways, tried in order; the CID and path are appended to each.</summary>
    /// <value>The default value is <c>https://ipfs.io/ipfs/</c>, then <c>https://dweb.link/ipfs/</c>.</value>
    public IReadOnlyList<Uri> IpfsGateways { get; init; } = [new("https://ipfs.io/ipfs/"), new("https://dweb.link/ipfs/")];

    /// <summary>Gets the Arweave gateway; the transaction id and path are appended to it.</summary>
    /// <value>The default value is <c>https://arweave.net/</c>.</value>
    public Uri ArweaveGateway { get; init; } = new("https://arweave.net/");

    /// <summary>Gets the time allowed for one HTTP attempt (one gateway, including its redirects and the body).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the largest document accepted, in bytes (also applies to decoded <c>data:</c> URIs).</summary>
    /// <value>The default value is 1 MiB (1,048,576 bytes).</value>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Gets the deepest JSON nesting accepted, counted in objects and arrays.</summary>
    /// <value>The default value is 32.</value>
    public int MaxJsonDepth { get; init; } = 32;

    /// <summary>Gets the number of redirects followed per attempt; each target is checked again.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>Gets a value indicating whether plain <c>http://</c> URIs (and redirects to them) are allowed.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowHttp { get; init; }

    /// <summary>
    /// Gets hosts exempt from the address checks, as <c>host</c> or <c>host:port</c> (IPv6 as <c>[addr]:port</c>).
    /// Meant for tests against a local server; a host name entry exempts whatever the name resolves to.
    /// </summary>
    /// <value>The default value is empty: every host is checked.</value>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
}
