using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using NftCollateral.Sdk.Evm;
using NftCollateral.Sdk.Evm.Contracts;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Cli;

/// <summary><c>nftc token</c>: one ERC-721 token read from the chain: owner, token URI and provenance.</summary>
internal static class TokenCommand
{
    public static Command Create(CliContext context)
    {
        var chain = new ChainOptions();
        Option<string> contract = new("--contract")
        {
            Description = "The ERC-721 contract: 0x and 40 hex digits, all lower-case or EIP-55 checksummed.",
            Required = true,
            HelpName = "ADDR",
        };
        Option<string> token = new("--token")
        {
            Description = "The token id, a whole number from 0 to 2^256 - 1.",
            Required = true,
            HelpName = "ID",
        };
        Option<string> fromBlock = new("--from-block")
        {
            Description = "The first block searched for Transfer logs (default 0; the collection's deployment block saves requests).",
            DefaultValueFactory = _ => "0",
            HelpName = "N",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {contract, tokenId, owner, tokenUri, provenance: {mintBlock, transfers, holders, ...}, name, symbol, atBlock, atTime}.",
        };

        var command = new Command("token", "Read one ERC-721 token from the chain: owner, token URI and provenance (mint block, transfers, holders).")
        {
            contract, token, fromBlock, json,
        };
        chain.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            Address address = ChainOptions.ParseAddress(parse.GetRequiredValue(contract), "--contract");
            BigInteger tokenId = ChainOptions.ParseUInt256(parse.GetRequiredValue(token), "--token");
            ulong from = ChainOptions.ParseBlock(parse.GetValue(fromBlock) ?? "0", "--from-block");
            ChainEndpoint endpoint = chain.Read(parse);

            using HttpClient http = ChainEndpoint.CreateHttpClient();
            JsonRpcClient rpc = endpoint.CreateClient(http);
            var reader = new Erc721Reader(rpc);
            TokenProvenance provenance = await reader.GetProvenanceAsync(address, tokenId, from, cancellationToken).ConfigureAwait(false);
            BlockParameter at = BlockParameter.AtNumber(provenance.AtBlock);
            string? tokenUri = await Optional(reader.TokenUriAsync(address, tokenId, at, cancellationToken)).ConfigureAwait(false);
            string? name = await Optional(reader.NameAsync(address, at, cancellationToken)).ConfigureAwait(false);
            string? symbol = await Optional(reader.SymbolAsync(address, at, cancellationToken)).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                WriteJson(context.Out, provenance, tokenUri, name, symbol);
            }
            else
            {
                WriteHuman(context.Out, provenance, tokenUri, name, symbol);
            }

            return NftcApp.Success;
        });
        return command;
    }

    /// <summary>
    /// Reads an optional ERC-721 metadata function: <see langword="null"/> when the contract does not implement it
    /// (the call returns <c>0x</c>, or reverts without data as Solidity does for an unknown function).
    /// </summary>
    private static async Task<string?> Optional(Task<string> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (ContractReadException ex) when (ex.Kind == ContractReadErrorKind.EmptyReturn
            || (ex.Kind == ContractReadErrorKind.Reverted && ex.Revert?.Kind == NftCollateral.Sdk.Evm.Abi.RevertReasonKind.Empty))
        {
            return null;
        }
    }

    private static void WriteJson(TextWriter output, TokenProvenance p, string? tokenUri, string? name, string? symbol)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        CliJson.Write(output, writer =>
        {
            writer.WriteString("contract", p.Contract.ToString());
            writer.WriteString("tokenId", p.TokenId.ToString(inv));
            writer.WriteString("owner", p.Owner.ToString());
            writer.WriteString("tokenUri", tokenUri);
            writer.WriteStartObject("provenance");
            if (p.MintBlock is ulong mintBlock)
            {
                writer.WriteNumber("mintBlock", mintBlock);
            }
            else
            {
                writer.WriteNull("mintBlock");
            }

            writer.WriteNumber("transfers", p.TransferCount);
            writer.WriteNumber("holders", p.DistinctHolders);
            writer.WriteString("mintTransaction", p.MintTransaction);
            writer.WriteNumber("heldSinceBlock", p.HeldSinceBlock);
            writer.WriteString("heldSince", Iso(p.HeldSince));
            writer.WriteNumber("heldForSeconds", (long)p.HeldFor.TotalSeconds);
            writer.WriteEndObject();
            writer.WriteString("name", name);
            writer.WriteString("symbol", symbol);
            writer.WriteNumber("atBlock", p.AtBlock);
            writer.WriteString("atTime", Iso(p.AtTime));
        });
    }

    private static void WriteHuman(TextWriter output, TokenProvenance p, string? tokenUri, string? name, string? symbol)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string collection = (name, symbol) switch
        {
            (string n, string s) => $"{n} ({s})",
            (string n, null) => n,
            (null, string s) => s,
            _ => "token",
        };
        output.WriteLine(string.Create(inv, $"{collection} #{p.TokenId} at {p.Contract}, as of block {p.AtBlock} ({Iso(p.AtTime)})"));
        output.WriteLine($"  owner       {p.Owner}");
        output.WriteLine($"  token URI   {tokenUri ?? "(tokenURI not implemented)"}");
        output.WriteLine(p.MintBlock is ulong mint
            ? string.Create(inv, $"  minted      block {mint} (tx {p.MintTransaction})")
            : "  minted      before the searched range (use an earlier --from-block)");
        output.WriteLine(string.Create(inv, $"  transfers   {p.TransferCount} after the mint, {p.DistinctHolders} distinct holder(s)"));
        output.WriteLine(string.Create(inv, $"  held since  block {p.HeldSinceBlock} ({Iso(p.HeldSince)}), {FormatDuration(p.HeldFor)}"));
    }

    internal static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string FormatDuration(TimeSpan span)
    {
        long seconds = (long)span.TotalSeconds;
        return seconds switch
        {
            < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds} s"),
            < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min"),
            < 172_800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400} days"),
        };
    }
}
