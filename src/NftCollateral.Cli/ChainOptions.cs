using System.CommandLine;
using System.Globalization;
using System.Numerics;
using NftCollateral.Sdk.Evm;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Cli;

/// <summary>
/// The options the chain commands (<c>token</c>, <c>oracle</c>) share (<c>--rpc</c>, <c>--timeout</c>, <c>--chain-id</c>)
/// and the checks of their values. Every value is checked before any request is sent, so bad input is exit code 2.
/// </summary>
internal sealed class ChainOptions
{
    public const string DefaultTimeoutSeconds = "30";

    /// <summary>The longest <c>--timeout</c> accepted, in seconds (an hour).</summary>
    public const double MaxTimeoutSeconds = 3600;

    /// <summary>The longest age accepted for an age option such as <c>--max-age</c>, in seconds (100 years).</summary>
    public const long MaxAgeSeconds = 100L * 365 * 86400;

    public Option<string> Rpc { get; } = new("--rpc")
    {
        Description = "The node's JSON-RPC URL (absolute http or https; its path and query, which may hold an API key, are never printed).",
        Required = true,
        HelpName = "URL",
    };

    public Option<string> Timeout { get; } = new("--timeout")
    {
        Description = $"Time allowed for each JSON-RPC exchange, in seconds (default {DefaultTimeoutSeconds}).",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
        HelpName = "SECONDS",
    };

    public Option<string?> ChainId { get; } = new("--chain-id")
    {
        Description = "The chain id the node must serve (checked with eth_chainId before the first read), e.g. 1 for Ethereum mainnet.",
        HelpName = "N",
    };

    /// <summary>Adds <c>--rpc</c>, <c>--timeout</c> and <c>--chain-id</c> to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Rpc);
        command.Options.Add(Timeout);
        command.Options.Add(ChainId);
    }

    /// <summary>Reads and checks the shared options.</summary>
    /// <exception cref="UsageException">A value is out of range or malformed.</exception>
    public ChainEndpoint Read(ParseResult parse)
    {
        string rpcText = parse.GetRequiredValue(Rpc);
        // On Unix "/rpc" parses as an absolute file URL: a path is not what was meant either.
        if (!Uri.TryCreate(rpcText, UriKind.Absolute, out Uri? rpc) || (rpc.IsFile && !rpcText.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UsageException("--rpc must be an absolute http or https URL (e.g. http://127.0.0.1:8545)");
        }

        if (rpc.Scheme != Uri.UriSchemeHttp && rpc.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"--rpc must be an http or https URL, not a '{rpc.Scheme}' URL");
        }

        TimeSpan timeout = ParseSeconds(parse.GetValue(Timeout) ?? DefaultTimeoutSeconds, "--timeout", MaxTimeoutSeconds);
        ulong? chainId = parse.GetValue(ChainId) is string chainText
            ? ulong.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong id) && id > 0
                ? id
                : throw new UsageException($"--chain-id must be a positive integer (e.g. 1), not '{Shorten(chainText)}'")
            : null;
        return new ChainEndpoint(rpc, timeout, chainId);
    }

    /// <summary>Parses an address option: 0x and 40 hex digits, all lower-case, all upper-case or EIP-55 checksummed.</summary>
    /// <exception cref="UsageException">The text is not an address, or its mixed-case checksum is wrong.</exception>
    public static Address ParseAddress(string text, string option)
    {
        try
        {
            return Address.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{option}: {NftcApp.OneLine(ex.Message)}");
        }
    }

    /// <summary>Parses a uint256 in decimal (a token id).</summary>
    /// <exception cref="UsageException">The text is not a whole number from 0 to 2^256 - 1.</exception>
    public static BigInteger ParseUInt256(string text, string option) =>
        text.Length is > 0 and <= 80
        && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger value)
        && value.GetBitLength() <= 256
            ? value
            : throw new UsageException($"{option} must be a whole number from 0 to 2^256 - 1 (decimal digits), not '{Shorten(text)}'");

    /// <summary>Parses a block number.</summary>
    /// <exception cref="UsageException">The text is not a whole number of 0 or more.</exception>
    public static ulong ParseBlock(string text, string option) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong block)
            ? block
            : throw new UsageException($"{option} must be a block number (a whole number of 0 or more), not '{Shorten(text)}'");

    /// <summary>Parses a positive number of seconds (decimals allowed) up to <paramref name="maxSeconds"/>.</summary>
    /// <exception cref="UsageException">The text is not a number, or not above 0, or above the maximum.</exception>
    public static TimeSpan ParseSeconds(string text, string option, double maxSeconds) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= maxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be a number of seconds above 0 (at most {maxSeconds}), not '{Shorten(text)}'"));

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}

/// <summary>A checked node endpoint: where, how long to wait, and which chain it must serve.</summary>
internal sealed record ChainEndpoint(Uri Rpc, TimeSpan Timeout, ulong? ChainId)
{
    /// <summary>Creates the HTTP client of one invocation; the JSON-RPC client bounds each exchange itself.</summary>
    public static HttpClient CreateHttpClient() => new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    /// <summary>Creates the JSON-RPC client over <paramref name="http"/> (which the caller disposes).</summary>
    public JsonRpcClient CreateClient(HttpClient http) =>
        new(http, new JsonRpcClientOptions { Endpoint = Rpc, Timeout = Timeout, ExpectedChainId = ChainId });
}
