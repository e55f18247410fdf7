namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>Settings of a <see cref="JsonRpcClient"/>.</summary>
public sealed class JsonRpcClientOptions
{
    /// <summary>Gets or sets the node's URL. When <see langword="null"/>, the <see cref="HttpClient.BaseAddress"/> is used.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the time allowed for one HTTP exchange, body included; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the chain id the node must serve; checked with <c>eth_chainId</c> before the first request.</summary>
    /// <value>The default value is <see langword="null"/> (not checked).</value>
    public ulong? ExpectedChainId { get; set; }

    /// <summary>Gets or sets the largest response body accepted, in bytes; a larger one is <see cref="JsonRpcErrorKind.MalformedResponse"/>.</summary>
    /// <value>The default value is 32 MiB.</value>
    public int MaxResponseBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Gets or sets the most requests sent in one HTTP batch; longer batches are split.</summary>
    /// <value>The default value is 200.</value>
    public int MaxBatchSize { get; set; } = 200;
}
