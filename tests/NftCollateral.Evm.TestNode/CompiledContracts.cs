using System.Text.Json;

namespace NftCollateral.Evm.TestNode;

/// <summary>The contracts of <c>tests/evm-node/contracts</c> as compiled by <c>compile.js</c>.</summary>
public sealed class CompiledContracts
{
    private CompiledContracts(string jsonPath, string sourceHash, IReadOnlyDictionary<string, CompiledContract> contracts)
    {
        JsonPath = jsonPath;
        SourceHash = sourceHash;
        All = contracts;
    }

    /// <summary>Gets the contracts.json this was read from.</summary>
    public string JsonPath { get; }

    /// <summary>Gets the hash of the compiler inputs (the build cache key).</summary>
    public string SourceHash { get; }

    /// <summary>Gets every contract by name (interfaces included, with empty bytecode).</summary>
    public IReadOnlyDictionary<string, CompiledContract> All { get; }

    /// <summary>Gets a contract by name, e.g. <c>TestNft</c>.</summary>
    public CompiledContract this[string name] =>
        All.TryGetValue(name, out CompiledContract? c)
            ? c
            : throw new KeyNotFoundException($"No contract '{name}' in {JsonPath}; there are: {string.Join(", ", All.Keys)}.");

    /// <summary>Reads a contracts.json written by compile.js.</summary>
    public static CompiledContracts Load(string jsonPath, string sourceHash = "")
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var contracts = new Dictionary<string, CompiledContract>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            JsonElement c = p.Value;
            var selectors = c.GetProperty("methodIdentifiers").EnumerateObject()
                .ToDictionary(m => m.Name, m => m.Value.GetString()!, StringComparer.Ordinal);
            contracts[p.Name] = new CompiledContract(
                p.Name,
                c.GetProperty("abi").GetRawText(),
                c.GetProperty("bytecode").GetString()!,
                c.GetProperty("deployedBytecode").GetString()!,
                selectors);
        }

        return new CompiledContracts(jsonPath, sourceHash, contracts);
    }
}

/// <summary>One compiled contract.</summary>
/// <param name="Name">The contract name.</param>
/// <param name="AbiJson">The ABI as a JSON array.</param>
/// <param name="Bytecode">Creation code, 0x-prefixed ("0x" for an interface).</param>
/// <param name="DeployedBytecode">Runtime code, 0x-prefixed.</param>
/// <param name="MethodIdentifiers">Canonical signature (e.g. <c>mint(address,uint256)</c>) to 8 hex digits, no 0x.</param>
public sealed record CompiledContract(
    string Name,
    string AbiJson,
    string Bytecode,
    string DeployedBytecode,
    IReadOnlyDictionary<string, string> MethodIdentifiers)
{
    /// <summary>Gets the 0x-prefixed 4-byte selector of a canonical signature, e.g. <c>0x6352211e</c> for <c>ownerOf(uint256)</c>.</summary>
    public string Selector(string signature) =>
        MethodIdentifiers.TryGetValue(signature, out string? id)
            ? "0x" + id
            : throw new KeyNotFoundException(
                $"{Name} has no function '{signature}'; it has: {string.Join(", ", MethodIdentifiers.Keys)}.");

    /// <summary>Gets the parameter types of the constructor (empty when it has none).</summary>
    public IReadOnlyList<string> ConstructorTypes()
    {
        using JsonDocument abi = JsonDocument.Parse(AbiJson);
        foreach (JsonElement item in abi.RootElement.EnumerateArray())
        {
            if (item.GetProperty("type").GetString() == "constructor")
            {
                return item.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString()!).ToList();
            }
        }

        return [];
    }
}
