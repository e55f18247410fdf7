using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Cli;

/// <summary><c>nftc drawdown</c>: the market-data spec's stress statistics of one collection's daily floor.</summary>
internal static class DrawdownCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> floors = new("--floors")
        {
            Description = "Daily floor CSV with the columns collection, date (yyyy-MM-dd) and floor_eth (optional suspect_outlier), e.g. cryptopunks-floor-onchain-daily.csv.",
            Required = true,
            HelpName = "FILE",
        };
        Option<string> collection = new("--collection", "-c") { Description = "The collection, as written in the file's collection column.", Required = true, HelpName = "NAME" };
        Option<int> window = new("--window", "-w") { Description = "The window h in days: maximum h-day drawdown and worst h-day return.", Required = true, HelpName = "DAYS" };
        Option<int?> year = new("--year", "-y") { Description = "Peak and start days in this calendar year (default: the whole series).", HelpName = "YYYY" };
        Option<string> currency = new("--currency")
        {
            Description = "eth (default) or usd (floor × the day's ETH/USD close; needs --eth-usd).",
            DefaultValueFactory = _ => "eth",
            HelpName = "eth|usd",
        };
        currency.AcceptOnlyFromAmong("eth", "usd");
        Option<string> ethUsd = new("--eth-usd") { Description = "Daily ETH/USD close CSV (date, eth_usd_close), e.g. eth-usd-daily.csv.", HelpName = "FILE" };
        Option<bool> json = new("--json") { Description = "Print one JSON document: {maxDrawdown, peak, trough, worstReturn, dailyVolatility} (fractions, ISO dates)." };

        var command = new Command("drawdown", "Maximum h-day drawdown, worst h-day return and daily volatility of a collection's floor (suspect outliers dropped, gaps forward-filled).")
        {
            floors, collection, window, year, currency, ethUsd, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string floorPath = parse.GetRequiredValue(floors);
            string name = parse.GetRequiredValue(collection);
            int days = parse.GetValue(window) is int w and >= 1 ? w : throw new UsageException($"--window must be at least 1 day, not {parse.GetValue(window)}");
            int? onlyYear = parse.GetValue(year) is int y
                ? y is >= 1 and <= 9999 ? y : throw new UsageException($"--year must be a year from 1 to 9999, not {y}")
                : null;
            bool usd = parse.GetValue(currency) == "usd";
            string? ethUsdPath = parse.GetValue(ethUsd);
            if (usd && ethUsdPath is null)
            {
                throw new UsageException("--currency usd needs --eth-usd FILE (daily ETH/USD closes)");
            }

            FloorSeries raw;
            await using (FileStream stream = Open(floorPath))
            {
                raw = await FloorSeriesCsv.ReadSeriesAsync(stream, floorPath, name, cancellationToken).ConfigureAwait(false);
            }

            EthUsdSeries? closes = null;
            if (usd)
            {
                await using FileStream stream = Open(ethUsdPath!);
                closes = await EthUsdCsv.ReadAsync(stream, ethUsdPath!, cancellationToken).ConfigureAwait(false);
            }

            DrawdownReport report;
            try
            {
                FloorSeries series = Drawdowns.Prepare(raw, new DrawdownOptions { Currency = usd ? FloorCurrency.Usd : FloorCurrency.Eth, EthUsd = closes });
                DateOnly from = onlyYear is int first ? new DateOnly(first, 1, 1) : series.Dates[0];
                DateOnly to = onlyYear is int last ? new DateOnly(last, 12, 31) : series.Dates[^1];
                report = Drawdowns.Analyze(series, from, to, days);
            }
            catch (InsufficientHistoryException ex)
            {
                throw new UsageException($"{floorPath}: {ex.Message}");
            }

            if (parse.GetValue(json))
            {
                WriteJson(context.Out, report);
            }
            else
            {
                WriteHuman(context.Out, report);
            }

            return NftcApp.Success;
        });
        return command;
    }

    public static void WriteJson(TextWriter output, DrawdownReport report)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteNumber("maxDrawdown", report.MaxDrawdown.Fraction);
            writer.WriteString("peak", Iso(report.MaxDrawdown.PeakDate));
            writer.WriteString("trough", Iso(report.MaxDrawdown.TroughDate));
            writer.WriteNumber("worstReturn", report.WorstReturn.Return);
            writer.WriteNumber("dailyVolatility", report.Volatility.Daily);
        });
    }

    private static void WriteHuman(TextWriter output, DrawdownReport report)
    {
        string unit = report.Currency == FloorCurrency.Usd ? "USD" : "ETH";
        Drawdown dd = report.MaxDrawdown;
        PriceMove worst = report.WorstReturn;
        int h = report.WindowDays;
        output.WriteLine(Invariant($"{report.Collection} floor in {unit}, {Iso(report.From)} to {Iso(report.To)}, window {h} days"));
        output.WriteLine(Invariant($"  {Label($"max {h}-day drawdown")}{Percent(dd.Fraction, 1),8}  peak {Iso(dd.PeakDate)} {Value(dd.PeakValue)} -> trough {Iso(dd.TroughDate)} {Value(dd.TroughValue)} {unit}"));
        output.WriteLine(Invariant($"  {Label($"worst {h}-day return")}{Percent(worst.Return, 1),8}  {Iso(worst.StartDate)} {Value(worst.StartValue)} -> {Iso(worst.EndDate)} {Value(worst.EndValue)} {unit}"));
        output.WriteLine(Invariant($"  {Label("daily volatility")}{Percent(report.Volatility.Daily, 2),8}  ({Percent(report.Volatility.Annualised, 0)} annualised, {report.Volatility.ReturnCount} daily log returns)"));
        output.WriteLine("Peaks and starts inside the period; troughs up to the window after the peak. Suspect outliers dropped, gaps forward-filled.");
    }

    private static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path}: is a directory, not a CSV file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        return File.OpenRead(path);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Percent(double fraction, int decimals) =>
        (fraction * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    private static string Value(decimal value) => value.ToString(value >= 1000 ? "N0" : "0.####", CultureInfo.InvariantCulture);

    private static string Label(string text) => text.PadRight(22);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
