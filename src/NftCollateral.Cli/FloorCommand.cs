using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Cli;

/// <summary><c>nftc floor</c>: a floor estimate of one collection from a sales CSV or a daily floor (lowest ask) CSV.</summary>
internal static class FloorCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> sales = MarketOptions.SalesFile(required: false);
        Option<string> floors = new("--floors")
        {
            Description = "Daily floor CSV of end-of-day lowest asks (columns collection, date, floor_eth), as in shared/data/cryptopunks-floor-onchain-daily.csv. Use instead of --sales for spot, twap, ema and lower.",
            HelpName = "FILE",
        };
        Option<string> collection = MarketOptions.Collection();
        Option<string> asOf = MarketOptions.AsOf();
        Option<string> method = new("--method")
        {
            Description = "Floor method: spot (lowest ask, --floors only), twap, vwap (--sales only), ema, adaptive (Coinbase adaptive percentile, --sales only) or lower (min of spot and TWAP).",
            Required = true,
            HelpName = "method",
        };
        method.AcceptOnlyFromAmong("spot", "twap", "vwap", "ema", "adaptive", "lower");
        Option<string?> spot = new("--spot")
        {
            Description = "The spot floor (lowest ask) in ETH, required by --method lower.",
            HelpName = "ETH",
        };
        Option<double> window = MarketOptions.WindowDays();
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {collection, asOf, method, floor, samples}.",
        };

        var command = new Command("floor", "Estimate a collection's floor from its sales (wash and accidental sales flagged and left out).")
        {
            sales, floors, collection, asOf, method, spot, window, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string? salesPath = parse.GetValue(sales);
            string? floorsPath = parse.GetValue(floors);
            string name = parse.GetRequiredValue(collection);
            string methodName = parse.GetRequiredValue(method);
            if ((salesPath is null) == (floorsPath is null))
            {
                throw new UsageException("give exactly one of --sales FILE and --floors FILE");
            }

            if (floorsPath is not null)
            {
                return await EstimateFromFloorsAsync(context, parse, floorsPath, name, methodName, parse.GetRequiredValue(asOf), parse.GetValue(window), parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            }

            if (methodName == "spot")
            {
                throw new UsageException("--method spot needs the lowest ask: use --floors FILE (a sales file has no asks)");
            }

            string path = salesPath!;
            (DateTimeOffset instant, string asOfText) = ParseAsOf(parse.GetRequiredValue(asOf));
            double days = MarketOptions.CheckWindow(parse.GetValue(window));

            decimal? spotEth = ParseSpot(parse.GetValue(spot), methodName);
            FloorMethod floorMethod = methodName switch
            {
                "twap" => FloorMethod.Twap,
                "vwap" => FloorMethod.Vwap,
                "ema" => FloorMethod.Ema,
                "adaptive" => FloorMethod.AdaptivePercentile,
                _ => FloorMethod.Lower,
            };

            SaleSeries series = await LoadAsync(path, name, cancellationToken).ConfigureAwait(false);
            var options = new FloorOptions { Window = TimeSpan.FromDays(days) };
            FloorEstimate estimate = FloorEstimators.Estimate(floorMethod, series, instant, options, spotEth);
            if (parse.GetValue(json))
            {
                WriteJson(context.Out, name, asOfText, methodName, estimate);
            }
            else
            {
                WriteHuman(context.Out, name, asOfText, methodName, estimate, series);
            }

            return NftcApp.Success;
        });
        return command;
    }

    private static async Task<int> EstimateFromFloorsAsync(
        CliContext context, ParseResult parse, string path, string name, string methodName, string asOfText, double windowDays, bool json, CancellationToken cancellationToken)
    {
        if (methodName is "vwap" or "adaptive")
        {
            throw new UsageException($"--method {methodName} needs trades: use --sales FILE (a floor file holds asks)");
        }

        if (parse.GetValue<string?>("--spot") is not null)
        {
            throw new UsageException("--spot is for --sales; with --floors the spot is the file's floor on the as-of date");
        }

        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly asOf))
        {
            throw new UsageException($"--as-of must be a date (yyyy-MM-dd) with --floors, not '{asOfText}'");
        }

        if (windowDays != Math.Floor(windowDays) || windowDays < 1 || windowDays > 36_500)
        {
            throw new UsageException($"--window must be a whole number of days from 1 to 36500 with --floors, not {windowDays.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        FloorSeries series;
        await using (FileStream stream = File.OpenRead(path))
        {
            series = await FloorSeriesCsv.ReadSeriesAsync(stream, path, name, cancellationToken).ConfigureAwait(false);
        }

        int days = (int)windowDays;
        FloorEstimate estimate = methodName switch
        {
            "spot" => DailyFloorEstimators.Spot(series, asOf),
            "twap" => DailyFloorEstimators.Twap(series, asOf, days),
            "ema" => DailyFloorEstimators.Ema(series, asOf, days),
            _ => DailyFloorEstimators.Lower(series, asOf, days),
        };
        if (json)
        {
            WriteJson(context.Out, name, asOfText, methodName, estimate);
        }
        else
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} floor ({methodName}, {days}-day window of end-of-day lowest asks) as of {asOfText}: {estimate.Value:0.####} ETH from {estimate.SampleCount} day(s)"));
        }

        return NftcApp.Success;
    }

    internal static (DateTimeOffset Instant, string Text) ParseAsOf(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return (new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), text);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset instant)
            && text.Contains('T', StringComparison.Ordinal))
        {
            instant = instant.ToUniversalTime();
            return (instant, instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        throw new UsageException($"--as-of: not a date (yyyy-MM-dd) or ISO 8601 timestamp: '{text}'");
    }

    private static decimal? ParseSpot(string? text, string method)
    {
        if (text is null)
        {
            return method == "lower" ? throw new UsageException("--method lower needs --spot ETH (the lowest ask)") : null;
        }

        if (method != "lower")
        {
            throw new UsageException("--spot is only used with --method lower");
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value) || value <= 0)
        {
            throw new UsageException($"--spot must be a positive number of ETH, not '{text}'");
        }

        return value;
    }

    internal static async Task<SaleSeries> LoadAsync(string path, string collection, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path}: is a directory, not a sales file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        var matching = new List<Sale>();
        var others = new SortedSet<string>(StringComparer.Ordinal);
        await using FileStream stream = File.OpenRead(path);
        await foreach (Sale sale in SalesCsv.ReadAsync(stream, path, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(sale.Collection, collection, StringComparison.OrdinalIgnoreCase))
            {
                matching.Add(sale);
            }
            else if (others.Count < 10)
            {
                others.Add(sale.Collection);
            }
        }

        if (matching.Count == 0)
        {
            string found = others.Count == 0 ? "the file has no sales" : $"collections in the file: {string.Join(", ", others)}";
            throw new UsageException($"{path}: no sales of collection '{collection}' ({found})");
        }

        return SaleSeries.Create(matching);
    }

    private static void WriteJson(TextWriter output, string collection, string asOf, string method, FloorEstimate estimate)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteString("collection", collection);
            writer.WriteString("asOf", asOf);
            writer.WriteString("method", method);
            writer.WriteNumber("floor", estimate.Value);
            writer.WriteNumber("samples", estimate.SampleCount);
        });
    }

    private static void WriteHuman(TextWriter output, string collection, string asOf, string method, FloorEstimate estimate, SaleSeries series)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string end = asOf.Contains('T', StringComparison.Ordinal) ? asOf : $"end of {asOf} UTC";
        output.WriteLine(string.Create(inv, $"{collection} floor ({method}) as of {end}: {estimate.Value:0.####} ETH"));
        string excluded = estimate.ExcludedSampleCount > 0 ? string.Create(inv, $"; {estimate.ExcludedSampleCount} flagged sale(s) left out") : string.Empty;
        output.WriteLine(string.Create(inv, $"  window {estimate.Window.TotalDays:0.###} days, {estimate.SampleCount} sale(s) used{excluded}"));
        if ((estimate.Flags & FloorNotes.SpotBelowTwap) != 0)
        {
            output.WriteLine("  the spot (lowest ask) is below the TWAP and was taken");
        }

        if ((estimate.Flags & FloorNotes.OutliersDropped) != 0)
        {
            output.WriteLine("  outlier trades (more than 3 MADs from the median) were dropped");
        }

        output.WriteLine(string.Create(inv, $"  {series.Count} sale(s) of {collection} loaded, {series.FlaggedCount} flagged as wash or accidental"));
    }
}
