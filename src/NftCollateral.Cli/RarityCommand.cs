using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk;
using NftCollateral.Sdk.Rarity;
using Spectre.Console;

namespace NftCollateral.Cli;

/// <summary><c>nftc rarity</c>: scores and ranks every token of a collection.</summary>
internal static class RarityCommand
{
    public static Option<string> MethodOption() => new("--method", "-m")
    {
        Description = "Rarity method: openrarity (default), rarity-score, statistical, average, rarest.",
        DefaultValueFactory = _ => "openrarity",
        HelpName = "method",
    };

    public static Option<int> TopOption(int defaultValue) => new("--top", "-n")
    {
        Description = $"How many of the rarest tokens to show (default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
        HelpName = "N",
    };

    public static Option<bool> JsonOption() => new("--json")
    {
        Description = "Print one JSON document: {collection, method, tokenCount, ranks: {id: {rank, score}}} with every token.",
    };

    public static Command Create(CliContext context)
    {
        Option<string> traits = new("--traits", "-t")
        {
            Description = "Traits file: the SDK's traits JSON ({\"tokens\": [{\"id\", \"traits\"}]}) or ERC-721 metadata JSON (one object or an array).",
            Required = true,
            HelpName = "FILE",
        };
        Option<string> method = MethodOption();
        Option<int> top = TopOption(10);
        Option<bool> json = JsonOption();
        Option<bool> breakdown = new("--breakdown") { Description = "Show the per-trait breakdown of each token shown." };
        Option<bool> multiValued = new("--multi-valued") { Description = "Keep a repeated trait type as a set of values (OpenRarity keeps the last)." };
        Option<bool> mergeNull = new("--merge-null-values") { Description = "Treat \"none\", \"\" and \"null\" values as a missing trait." };
        Option<bool> excludeEmpty = new("--exclude-empty") { Description = "Leave out tokens with no traits (burned or unrevealed)." };
        Option<string> numeric = new("--numeric")
        {
            Description = "Numeric and date traits: reject (OpenRarity, default), categorical, or bin.",
            DefaultValueFactory = _ => "reject",
            HelpName = "mode",
        };
        numeric.AcceptOnlyFromAmong("reject", "categorical", "bin");
        Option<int> bins = new("--bins")
        {
            Description = "Largest number of bins per numeric trait with --numeric bin (default 10).",
            DefaultValueFactory = _ => 10,
            HelpName = "N",
        };

        var command = new Command("rarity", "Score and rank the rarity of every token of a collection (OpenRarity-exact by default).")
        {
            traits, method, top, json, breakdown, multiValued, mergeNull, excludeEmpty, numeric, bins,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetRequiredValue(traits);
            IRarityScorer scorer = ParseMethod(parse.GetValue(method));
            int shown = ParsePositive(parse.GetValue(top), "--top");
            var options = new TraitTableOptions
            {
                MultiValuedTraits = parse.GetValue(multiValued),
                MergeNullValues = parse.GetValue(mergeNull),
                ExcludeEmptyTokens = parse.GetValue(excludeEmpty),
                NumericTraits = parse.GetValue(numeric) switch
                {
                    "categorical" => NumericTraitHandling.Categorical,
                    "bin" => NumericTraitHandling.Binned,
                    _ => NumericTraitHandling.Reject,
                },
                NumericBinCount = ParsePositive(parse.GetValue(bins), "--bins"),
            };

            CollectionTraits collection = await LoadAsync(path, cancellationToken).ConfigureAwait(false);
            string name = collection.Name ?? Path.GetFileNameWithoutExtension(path);
            TraitTable table;
            try
            {
                table = TraitTable.Build(collection.Tokens, options, name);
            }
            catch (CollectionDataException ex)
            {
                throw ex.Source is null ? ex.WithSource(path) : ex;
            }

            RarityResult result = scorer.Score(table);
            if (parse.GetValue(json))
            {
                WriteJson(context.Out, result);
            }
            else
            {
                RarityView.Render(context.CreateConsole(), result, shown, parse.GetValue(breakdown));
            }

            return NftcApp.Success;
        });
        return command;
    }

    public static IRarityScorer ParseMethod(string? name) =>
        RarityScorers.TryParse(name, out RarityMethod method)
            ? RarityScorers.Get(method)
            : throw new UsageException($"unknown rarity method '{name}' (use openrarity, rarity-score, statistical, average or rarest)");

    public static int ParsePositive(int value, string option) =>
        value >= 1 ? value : throw new UsageException($"{option} must be at least 1, not {value}");

    public static void WriteJson(TextWriter output, RarityResult result)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteString("collection", result.Table.Name);
            writer.WriteString("method", result.Method);
            writer.WriteNumber("tokenCount", result.TokenCount);
            writer.WriteStartObject("ranks");
            foreach (int index in result.RankOrder)
            {
                TokenRarity token = result[index];
                writer.WriteStartObject(token.TokenId);
                writer.WriteNumber("rank", token.Rank);
                writer.WriteNumber("score", token.Score);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
    }

    private static async Task<CollectionTraits> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path}: is a directory, not a traits file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        await using FileStream stream = File.OpenRead(path);
        return await TraitsJson.ReadAsync(stream, path, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The human view of a rarity result: a ranked table and optional per-trait breakdowns.</summary>
internal static class RarityView
{
    public static void Render(IAnsiConsole console, RarityResult result, int top, bool breakdown)
    {
        TraitTable table = result.Table;
        string entropy = result.CollectionEntropy is double h ? string.Create(CultureInfo.InvariantCulture, $", entropy H = {h:F4} bits") : string.Empty;
        console.MarkupLine($"[bold]{Markup.Escape(table.Name ?? "collection")}[/]: {result.TokenCount:N0} tokens, {table.TraitTypeCount} trait types (trait count included), method [bold]{result.Method}[/]{entropy}");
        if (table.ExcludedTokenIds.Count > 0)
        {
            console.MarkupLine($"[yellow]{table.ExcludedTokenIds.Count} token(s) without traits left out.[/]");
        }

        var grid = new Table().Border(TableBorder.Rounded).Title($"Top {Math.Min(top, result.TokenCount)} by rarity");
        grid.AddColumn(new TableColumn("Rank").RightAligned());
        grid.AddColumn("Token");
        grid.AddColumn(new TableColumn("Score").RightAligned());
        grid.AddColumn(new TableColumn(result.RanksByUniqueTraitsFirst ? "Score rank" : "OpenRarity rank").RightAligned());
        grid.AddColumn(new TableColumn("Unique").RightAligned());
        grid.AddColumn("Rarest traits");

        int shown = 0;
        foreach (int index in result.RankOrder)
        {
            if (shown++ >= top)
            {
                break;
            }

            TokenRarity token = result[index];
            string rarest = string.Join(", ", result.GetBreakdown(index)
                .Where(c => !c.IsTraitCount)
                .OrderByDescending(c => c.InformationContent)
                .Take(3)
                .Select(c => $"{c.DisplayName}: {c.Value} ({Percent(c.Probability)})"));
            grid.AddRow(
                token.Rank.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(token.TokenId),
                token.Score.ToString("G6", CultureInfo.InvariantCulture),
                (result.RanksByUniqueTraitsFirst ? token.ScoreRank : token.OpenRarityRank).ToString(CultureInfo.InvariantCulture),
                token.UniqueTraitCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(rarest));
        }

        console.Write(grid);
        console.MarkupLine(result.RanksByUniqueTraitsFirst
            ? "[grey]Rank: OpenRarity's rule (tokens holding a unique value first, then score). Score rank: by score alone.[/]"
            : "[grey]Rank: by score alone. OpenRarity rank: tokens holding a unique value first, then score.[/]");
        if (!breakdown)
        {
            return;
        }

        shown = 0;
        foreach (int index in result.RankOrder)
        {
            if (shown++ >= top)
            {
                break;
            }

            RenderBreakdown(console, result, index);
        }
    }

    public static string Percent(double p) => (p * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static void RenderBreakdown(IAnsiConsole console, RarityResult result, int index)
    {
        TokenRarity token = result[index];
        var grid = new Table().Border(TableBorder.Simple)
            .Title($"Token {Markup.Escape(token.TokenId)}: rank {token.Rank}, score {token.Score.ToString("G6", CultureInfo.InvariantCulture)}, {token.UniqueTraitCount} unique");
        grid.AddColumn("Trait");
        grid.AddColumn("Value");
        grid.AddColumn(new TableColumn("Tokens").RightAligned());
        grid.AddColumn(new TableColumn("p").RightAligned());
        grid.AddColumn(new TableColumn("IC (bits)").RightAligned());
        grid.AddColumn("");
        foreach (TraitContribution c in result.GetBreakdown(index).OrderByDescending(c => c.InformationContent))
        {
            string name = c.IsTraitCount ? "(trait count)" : c.DisplayName;
            string note = c.IsUnique ? "unique" : c.IsNull ? "missing" : string.Empty;
            grid.AddRow(
                Markup.Escape(name),
                Markup.Escape(c.Value),
                c.Count.ToString("N0", CultureInfo.InvariantCulture),
                Percent(c.Probability),
                c.InformationContent.ToString("F3", CultureInfo.InvariantCulture),
                note);
        }

        console.Write(grid);
    }
}
