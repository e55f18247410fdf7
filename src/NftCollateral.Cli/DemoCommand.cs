using System.CommandLine;
using System.Globalization;
using NftCollateral.Sdk.Rarity;
using Spectre.Console;

namespace NftCollateral.Cli;

/// <summary><c>nftc demo</c>: ranks the built-in synthetic collection and explains its rarest tokens.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> method = RarityCommand.MethodOption();
        Option<int> top = RarityCommand.TopOption(5);
        Option<bool> json = RarityCommand.JsonOption();
        Option<int> tokens = new("--tokens")
        {
            Description = $"Size of the generated collection (default {DemoCollectionGenerator.DefaultTokenCount}).",
            DefaultValueFactory = _ => DemoCollectionGenerator.DefaultTokenCount,
            HelpName = "N",
        };
        Option<ulong> seed = new("--seed")
        {
            Description = $"Seed of the generated collection (default {DemoCollectionGenerator.DefaultSeed}).",
            DefaultValueFactory = _ => DemoCollectionGenerator.DefaultSeed,
            HelpName = "S",
        };

        var command = new Command("demo", "Rank a built-in synthetic collection (generated in code, deterministic) and show the rarest tokens trait by trait.")
        {
            method, top, json, tokens, seed,
        };

        command.SetAction(parse =>
        {
            IRarityScorer scorer = RarityCommand.ParseMethod(parse.GetValue(method));
            int shown = RarityCommand.ParsePositive(parse.GetValue(top), "--top");
            int size = RarityCommand.ParsePositive(parse.GetValue(tokens), "--tokens");
            IReadOnlyList<TokenTraits> collection = DemoCollectionGenerator.Generate(size, parse.GetValue(seed));
            RarityResult result = scorer.Score(TraitTable.Build(collection, name: DemoCollectionGenerator.Name));
            if (parse.GetValue(json))
            {
                RarityCommand.WriteJson(context.Out, result);
                return NftcApp.Success;
            }

            IAnsiConsole console = context.CreateConsole();
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]Synthetic collection, seed {parse.GetValue(seed)}: Zipf-like trait frequencies, missing traits and one-of-one values. Real collections: nftc rarity --traits FILE.[/]"));
            RarityView.Render(console, result, shown, breakdown: true);
            return NftcApp.Success;
        });
        return command;
    }
}
