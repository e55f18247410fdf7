using System.CommandLine;
using System.Globalization;
using NftCollateral.Sdk.Evm;
using NftCollateral.Sdk.Evm.Chainlink;
using NftCollateral.Sdk.Evm.Rpc;
using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Cli;

/// <summary><c>nftc oracle</c>: one Chainlink AggregatorV3 feed read and checked (complete round, positive answer, fresh).</summary>
internal static class OracleCommand
{
    /// <summary>The default <c>--max-age</c>: 25 hours, a daily heartbeat plus an hour's margin.</summary>
    public const string DefaultMaxAgeSeconds = "90000";

    public static Command Create(CliContext context)
    {
        var chain = new ChainOptions();
        Option<string> feed = new("--feed")
        {
            Description = "The feed (aggregator or proxy): 0x and 40 hex digits, all lower-case or EIP-55 checksummed.",
            Required = true,
            HelpName = "ADDR",
        };
        Option<string> maxAge = new("--max-age")
        {
            Description = $"The oldest answer accepted, in seconds (default {DefaultMaxAgeSeconds} = 25 h: a daily heartbeat plus an hour). Set it to the feed's heartbeat plus a margin.",
            DefaultValueFactory = _ => DefaultMaxAgeSeconds,
            HelpName = "SECONDS",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {feed, description, decimals, roundId, answer, price, updatedAt, ageSeconds}; on a rejected read {error: {kind, message}} (exit code 1).",
        };

        var command = new Command("oracle", "Read a Chainlink price feed and check it: complete round, positive answer, not older than --max-age.")
        {
            feed, maxAge, json,
        };
        chain.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            Address address = ChainOptions.ParseAddress(parse.GetRequiredValue(feed), "--feed");
            TimeSpan age = ChainOptions.ParseSeconds(parse.GetValue(maxAge) ?? DefaultMaxAgeSeconds, "--max-age", ChainOptions.MaxAgeSeconds);
            ChainEndpoint endpoint = chain.Read(parse);
            bool asJson = parse.GetValue(json);

            using HttpClient http = ChainEndpoint.CreateHttpClient();
            JsonRpcClient rpc = endpoint.CreateClient(http);
            ChainlinkFeedReading reading;
            try
            {
                reading = await new ChainlinkFeedReader(rpc).ReadAsync(address, age, query: null, cancellationToken).ConfigureAwait(false);
            }
            catch (OracleException ex) when (asJson)
            {
                // The JSON error document goes to standard output; NftcApp still writes the one-line error and exits 1.
                WriteError(context.Out, ex);
                throw;
            }

            if (asJson)
            {
                WriteJson(context.Out, reading);
            }
            else
            {
                WriteHuman(context.Out, reading, age);
            }

            return NftcApp.Success;
        });
        return command;
    }

    /// <summary>The <c>kind</c> of the JSON error document for an oracle rejection.</summary>
    internal static string ErrorKind(OracleErrorKind kind) => kind switch
    {
        OracleErrorKind.Stale => "Stale",
        OracleErrorKind.NonPositiveAnswer => "NonPositiveAnswer",
        OracleErrorKind.IncompleteRound => "IncompleteRound",
        OracleErrorKind.ContractNotDeployed => "NoContract",
        OracleErrorKind.Reverted => "Reverted",
        OracleErrorKind.SourceUnavailable => "Rpc",
        OracleErrorKind.MalformedAnswer => "Malformed",
        OracleErrorKind.NoSource => "NotAFeed",
        _ => kind.ToString(),
    };

    private static void WriteError(TextWriter output, OracleException ex)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteStartObject("error");
            writer.WriteString("kind", ErrorKind(ex.Kind));
            writer.WriteString("message", NftcApp.OneLine(ex.Message));
            writer.WriteEndObject();
        });
    }

    private static void WriteJson(TextWriter output, ChainlinkFeedReading r)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteString("feed", r.Feed.ToString());
            writer.WriteString("description", r.Description);
            writer.WriteNumber("decimals", r.Decimals);
            writer.WriteString("roundId", r.Round.RoundId.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("answer", r.Round.Answer.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumber("price", Normalize(r.Price));
            writer.WriteString("updatedAt", TokenCommand.Iso(r.UpdatedAt));
            writer.WriteNumber("ageSeconds", (long)r.Age.TotalSeconds);
        });
    }

    private static void WriteHuman(TextWriter output, ChainlinkFeedReading r, TimeSpan maxAge)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string description = r.Description.Length > 0 ? r.Description : "(no description)";
        output.WriteLine(string.Create(inv, $"{description}: {Normalize(r.Price)} (feed {r.Feed}, {r.Decimals} decimals)"));
        output.WriteLine(string.Create(inv, $"  round {r.Round.RoundId}, raw answer {r.Round.Answer}"));
        string age = r.Age >= TimeSpan.Zero ? $"{TokenCommand.FormatDuration(r.Age)} ago" : $"{TokenCommand.FormatDuration(-r.Age)} ahead of this machine's clock";
        output.WriteLine(string.Create(inv, $"  updated {TokenCommand.Iso(r.UpdatedAt)}, {age} (max age {maxAge.TotalSeconds:0.###} s)"));
    }

    /// <summary>The same price without trailing zeros (a feed's answer carries its full decimals scale): 31.25, not 31.250000000000000000.</summary>
    internal static decimal Normalize(decimal price) =>
        decimal.Parse(price.ToString("0.############################", CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
