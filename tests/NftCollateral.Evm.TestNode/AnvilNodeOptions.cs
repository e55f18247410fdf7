namespace NftCollateral.Evm.TestNode;

/// <summary>How to start anvil. Defaults: chain id 31337, anvil's default hardfork and its ten funded accounts.</summary>
public sealed record AnvilNodeOptions
{
    /// <summary>Gets the chain id (<c>--chain-id</c>); null keeps anvil's 31337.</summary>
    public long? ChainId { get; init; }

    /// <summary>Gets the hardfork (<c>--hardfork</c>, e.g. <c>cancun</c>); null keeps anvil's default (latest).</summary>
    public string? Hardfork { get; init; }

    /// <summary>Gets further anvil arguments, passed as they are.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Gets how long to wait for <c>eth_chainId</c> to answer after each start attempt.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the time limit of each JSON-RPC request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
