using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Cli;

/// <summary><c>nftc liquidity</c>: sales per day, days to liquidate a position and the sales-only liquidity haircut.</summary>
internal static class LiquidityCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> sales = MarketOptions.SalesFile(required: true);
        Option<string> collection = MarketOptions.Collection();
        Option<string> asOf = MarketOptions.AsOf();
        Option<double> window = MarketOptions.WindowDays();
        Option<int> position = new("--position")
        {
            Description = "Number of NFTs to liquidate (default 1).",
            DefaultValueFactory = _ => 1,
            HelpName = "K",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {collection, asOf, windowDays, salesPerDay, daysToLiquidate, haircutBps}.",
        };

        var command = new Command("liquidity", "Sales per day, days to liquidate K NFTs and the liquidity haircut from a collection's sales (wash and accidental sales left out).")
        {
            sales, collection, asOf, window, position, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetRequiredValue(sales);
            string name = parse.GetRequiredValue(collection);
            (DateTimeOffset instant, string asOfText) = FloorCommand.ParseAsOf(parse.GetRequiredValue(asOf));
            double days = MarketOptions.CheckWindow(parse.GetValue(window));

            int k = parse.GetValue(position);
            if (k < 1)
            {
                throw new UsageException($"--position must be a whole number of NFTs of at least 1, not {k.ToString(CultureInfo.InvariantCulture)}");
            }

            SaleSeries series = await FloorCommand.LoadAsync(path, name, cancellationToken).ConfigureAwait(false);
            SalesRate rate = Liquidity.SalesPerDay(series, instant, TimeSpan.FromDays(days));
            LiquidationTime time = Liquidity.DaysToLiquidate(k, rate);
            LiquidityHaircut haircut = LiquidityHaircutPolicy.Default.Evaluate(spread: null, time);
            if (parse.GetValue(json))
            {
                WriteJson(context.Out, name, asOfText, days, rate, time, haircut);
            }
            else
            {
                WriteHuman(context.Out, name, asOfText, rate, time, haircut);
            }

            return NftcApp.Success;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, string collection, string asOf, double windowDays, SalesRate rate, LiquidationTime time, LiquidityHaircut haircut)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteString("collection", collection);
            writer.WriteString("asOf", asOf);
            writer.WriteNumber("windowDays", windowDays);
            writer.WriteNumber("salesPerDay", rate.SalesPerDay);
            writer.WriteNumber("daysToLiquidate", time.Days);
            writer.WriteNumber("haircutBps", haircut.HaircutBps);
        });
    }

    private static void WriteHuman(TextWriter output, string collection, string asOf, SalesRate rate, LiquidationTime time, LiquidityHaircut haircut)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        LiquidityHaircutPolicy policy = haircut.Policy;
        string end = asOf.Contains('T', StringComparison.Ordinal) ? asOf : $"end of {asOf} UTC";
        output.WriteLine(string.Create(inv, $"{collection} liquidity as of {end}"));
        string excluded = rate.ExcludedCount > 0 ? string.Create(inv, $"; {rate.ExcludedCount} flagged sale(s) left out") : string.Empty;
        output.WriteLine(string.Create(inv, $"  sales per day: {rate.SalesPerDay:0.####} ({rate.SaleCount} sale(s) in {rate.Window.TotalDays:0.###} days{excluded})"));
        output.WriteLine(string.Create(inv, $"  days to liquidate {time.PositionSize} NFT(s): {time.Days:0.####} (= {time.PositionSize} / {time.SalesPerDay:0.####} per day)"));
        output.WriteLine(string.Create(inv, $"  haircut (sales only, no order book): {haircut.HaircutBps:0.##} bps = base {policy.BaseBps:0.##} + {policy.BpsPerDay:0.##} bps/day × {haircut.ExtraDays:0.####} day(s) beyond {policy.FreeDays:0.##}{(haircut.Capped ? string.Create(inv, $", capped at {policy.CapBps:0.##}") : string.Empty)}"));
    }
}
