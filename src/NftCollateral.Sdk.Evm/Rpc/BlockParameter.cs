using System.Globalization;

namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>The block a read is evaluated at: a number or a tag (<c>latest</c>, <c>safe</c>, <c>finalized</c>, <c>pending</c>, <c>earliest</c>).</summary>
/// <remarks>Immutable and thread-safe. <c>default</c> is <see cref="Latest"/>.</remarks>
public readonly record struct BlockParameter
{
    private readonly string? _tag;

    private BlockParameter(string? tag, ulong number)
    {
        _tag = tag;
        Number = number;
    }

    /// <summary>Gets the most recent block the node has (the default).</summary>
    public static BlockParameter Latest => default;

    /// <summary>Gets the most recent block the node considers safe from re-organisation.</summary>
    public static BlockParameter Safe => new("safe", 0);

    /// <summary>Gets the most recent finalized block.</summary>
    public static BlockParameter Finalized => new("finalized", 0);

    /// <summary>Gets the pending block.</summary>
    public static BlockParameter Pending => new("pending", 0);

    /// <summary>Gets the genesis block.</summary>
    public static BlockParameter Earliest => new("earliest", 0);

    /// <summary>Gets the block number, when <see cref="IsNumber"/>.</summary>
    public ulong Number { get; }

    /// <summary>Gets a value indicating whether this names a block by number.</summary>
    public bool IsNumber => _tag == "#";

    /// <summary>Names a block by number.</summary>
    /// <param name="number">The block number.</param>
    /// <returns>The block parameter.</returns>
    public static BlockParameter AtNumber(ulong number) => new("#", number);

    /// <summary>Returns the JSON-RPC form: a quantity such as <c>0x10d4f</c> or a tag such as <c>latest</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _tag switch
    {
        null => "latest",
        "#" => string.Create(CultureInfo.InvariantCulture, $"0x{Number:x}"),
        _ => _tag,
    };
}
