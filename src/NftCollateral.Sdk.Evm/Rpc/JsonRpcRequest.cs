using System.Text.Json.Nodes;

namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>A JSON-RPC 2.0 request: a method and its positional parameters. The client assigns the id.</summary>
/// <remarks>Build parameters from strings, numbers and objects with <see cref="JsonNode"/> (AOT-safe). Treat an instance as immutable once sent.</remarks>
public sealed class JsonRpcRequest
{
    /// <summary>Initializes a new instance of the <see cref="JsonRpcRequest"/> class.</summary>
    /// <param name="method">The method, e.g. <c>eth_call</c>.</param>
    /// <param name="parameters">The positional parameters.</param>
    /// <exception cref="ArgumentException"><paramref name="method"/> is empty or white space.</exception>
    public JsonRpcRequest(string method, params JsonNode?[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Method = method;
        Parameters = parameters ?? [];
    }

    /// <summary>Gets the method name.</summary>
    public string Method { get; }

    /// <summary>Gets the positional parameters.</summary>
    public IReadOnlyList<JsonNode?> Parameters { get; }

    /// <summary>Returns the method name.</summary>
    /// <returns>The method name.</returns>
    public override string ToString() => Method;
}
