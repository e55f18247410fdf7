using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk;
using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Market;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Cli;

/// <summary><c>nftc appraise</c>: one token's value, range, confidence and breakdown as of a date.</summary>
internal static class AppraiseCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new AppraisalCli.DataOptions();
        Option<string> token = AppraisalCli.TokenOption();
        Option<string> asOf = AppraisalCli.AsOfOption();
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {tokenId, asOf, value, low, high, confidence, breakdown}.",
        };

        var command = new Command("appraise", "Appraise one token as of a date from its collection's traits, sales and daily floors (trait premium, comparables, own sales).");
        inputs.AddTo(command);
        command.Add(token);
        command.Add(asOf);
        command.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            DateOnly date = AppraisalCli.ParseDate(parse.GetRequiredValue(asOf), "--as-of");
            string tokenId = parse.GetRequiredValue(token).Trim();
            AppraisalDataset data = await inputs.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            TokenAppraisal appraisal = AppraisalCli.Run(() => new TraitPremiumAppraiser(data).Appraise(tokenId, date));
            if (parse.GetValue(json))
            {
                CliJson.Write(context.Out, writer => WriteJson(writer, appraisal));
            }
            else
            {
                WriteHuman(context.Out, data, appraisal);
            }

            return NftcApp.Success;
        });
        return command;
    }

    internal static void WriteJson(Utf8JsonWriter writer, TokenAppraisal a)
    {
        writer.WriteString("tokenId", a.TokenId);
        writer.WriteString("asOf", AppraisalCli.Iso(a.AsOf));
        writer.WriteNumber("value", a.ValueEth);
        writer.WriteNumber("low", a.LowEth);
        writer.WriteNumber("high", a.HighEth);
        writer.WriteNumber("confidence", a.Confidence);
        AppraisalBreakdown b = a.Breakdown;
        writer.WriteStartObject("breakdown");
        writer.WriteString("method", b.Method);
        writer.WriteNumber("floor", b.FloorEth);
        writer.WriteString("floorDate", AppraisalCli.Iso(b.FloorDate));
        writer.WriteNumber("marketLevel", b.MarketLevel);
        writer.WriteNumber("marketSales", b.MarketSales);
        writer.WriteNumber("marketWindowDays", b.MarketWindowDays);
        writer.WriteNumber("traitPremium", b.TraitPremium);
        writer.WriteStartArray("traitDrivers");
        foreach (TraitDriver d in b.TraitDrivers)
        {
            writer.WriteStartObject();
            writer.WriteString("traitType", d.TraitType);
            writer.WriteString("value", d.Value);
            writer.WriteNumber("tokensWithValue", d.TokensWithValue);
            writer.WriteNumber("factor", d.Factor);
            if (double.IsFinite(d.Evidence))
            {
                writer.WriteNumber("evidence", d.Evidence);
            }
            else
            {
                writer.WriteNull("evidence");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("hedonicValue", b.HedonicValueEth);
        if (b.ComparablesValueEth is decimal cv)
        {
            writer.WriteNumber("comparablesValue", cv);
        }
        else
        {
            writer.WriteNull("comparablesValue");
        }

        writer.WriteNumber("comparablesShare", b.ComparablesShare);
        writer.WriteNumber("comparablesAdjustment", b.ComparablesAdjustment);
        writer.WriteStartArray("comparables");
        foreach (ComparableSale c in b.Comparables)
        {
            writer.WriteStartObject();
            writer.WriteString("tokenId", c.TokenId);
            writer.WriteString("date", AppraisalCli.Iso(c.Date));
            writer.WriteNumber("price", c.PriceEth);
            writer.WriteNumber("similarity", c.Similarity);
            writer.WriteNumber("weight", c.Weight);
            writer.WriteNumber("unexplainedPremium", c.UnexplainedPremium);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (b.OwnHistory is { } own)
        {
            writer.WriteStartObject("ownHistory");
            writer.WriteNumber("saleCount", own.SaleCount);
            writer.WriteString("firstSaleDate", AppraisalCli.Iso(own.FirstSaleDate));
            writer.WriteString("lastSaleDate", AppraisalCli.Iso(own.LastSaleDate));
            writer.WriteNumber("lastPrice", own.LastPriceEth);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("ownHistory");
        }

        writer.WriteNumber("ownSaleAdjustment", b.OwnSaleAdjustment);
        writer.WriteNumber("logSpread", b.LogSpread);
        writer.WriteStartObject("collection");
        writer.WriteNumber("floor", b.Collection.FloorEth);
        writer.WriteNumber("salesLast30Days", b.Collection.SalesLast30Days);
        writer.WriteNumber("volumeLast30Days", b.Collection.VolumeEthLast30Days);
        if (b.Collection.ActiveAsks is int asks)
        {
            writer.WriteNumber("activeAsks", asks);
        }
        else
        {
            writer.WriteNull("activeAsks");
        }

        writer.WriteNull("holderSpread");
        writer.WriteEndObject();
        if (b.Liquidity is { } liquidity)
        {
            writer.WriteStartObject("liquidity");
            writer.WriteNumber("salesPerDay", liquidity.SalesPerDay);
            writer.WriteNumber("daysToLiquidate", liquidity.DaysToLiquidate);
            writer.WriteNumber("haircutBps", liquidity.HaircutBps);
            writer.WriteNumber("collateralValue", liquidity.CollateralValueEth);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("liquidity");
        }

        if (b.ModelRefitDate is DateOnly refit)
        {
            writer.WriteString("modelRefitDate", AppraisalCli.Iso(refit));
        }
        else
        {
            writer.WriteNull("modelRefitDate");
        }

        writer.WriteNumber("trainingSales", b.TrainingSales);
        writer.WriteStartArray("notes");
        foreach (string note in b.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteHuman(TextWriter o, AppraisalDataset data, TokenAppraisal a)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        AppraisalBreakdown b = a.Breakdown;
        o.WriteLine(string.Create(inv, $"{data.Collection} #{a.TokenId} as of end of {AppraisalCli.Iso(a.AsOf)} UTC: {a.ValueEth:0.####} ETH (80% range {a.LowEth:0.####} to {a.HighEth:0.####}; confidence {a.Confidence:P0} of a sale within ±20%)"));
        o.WriteLine(string.Create(inv, $"  floor {b.FloorEth:0.####} ETH (lowest public ask, {AppraisalCli.Iso(b.FloorDate)})"));
        o.WriteLine(string.Create(inv, $"  × market level {b.MarketLevel:0.###} (typical recent sale over the floor; {b.MarketSales} sale(s) in {b.MarketWindowDays} days)"));
        o.WriteLine(string.Create(inv, $"  × trait premium {b.TraitPremium:0.###} (hedonic model on {b.TrainingSales} sales, refit {(b.ModelRefitDate is DateOnly r ? AppraisalCli.Iso(r) : "none")}) = {b.HedonicValueEth:0.####} ETH"));
        foreach (TraitDriver d in b.TraitDrivers.Take(6))
        {
            o.WriteLine(string.Create(inv, $"      {d.TraitType}: {d.Value} ×{d.Factor:0.###} ({d.TokensWithValue} token(s))"));
        }

        o.WriteLine(string.Create(inv, $"  × comparables {b.ComparablesAdjustment:0.###} (share {b.ComparablesShare:P0}{(b.ComparablesValueEth is decimal cv ? string.Create(inv, $"; comparables alone {cv:0.####} ETH") : string.Empty)})"));
        foreach (ComparableSale c in b.Comparables)
        {
            o.WriteLine(string.Create(inv, $"      #{c.TokenId} {AppraisalCli.Iso(c.Date)} {c.PriceEth:0.####} ETH, similarity {c.Similarity:0.##}, weight {c.Weight:P0}, ×{c.UnexplainedPremium:0.###} vs model"));
        }

        string history = b.OwnHistory is { } h
            ? string.Create(inv, $"{h.SaleCount} sale(s) since {AppraisalCli.Iso(h.FirstSaleDate)}, last {h.LastPriceEth:0.####} ETH on {AppraisalCli.Iso(h.LastSaleDate)}")
            : "never sold";
        o.WriteLine(string.Create(inv, $"  × own sales {b.OwnSaleAdjustment:0.###} ({history})"));
        if (b.Liquidity is { } l)
        {
            o.WriteLine(string.Create(inv, $"  liquidity: {l.SalesPerDay:0.##} sales/day, haircut {l.HaircutBps:0.#} bps → collateral value {l.CollateralValueEth:0.####} ETH"));
        }

        foreach (string note in b.Notes)
        {
            o.WriteLine($"  note: {note}");
        }
    }
}

/// <summary>Options, loading and error mapping shared by <c>appraise</c>, <c>backtest</c> and <c>ltv</c>.</summary>
internal static class AppraisalCli
{
    public static Option<string> TokenOption() => new("--token")
    {
        Description = "The token id, as the traits file writes it.",
        Required = true,
        HelpName = "ID",
    };

    public static Option<string> AsOfOption() => new("--as-of")
    {
        Description = "The as-of date (yyyy-MM-dd, UTC): the floor of that day and sales dated that day or earlier are used, nothing later.",
        Required = true,
        HelpName = "DATE",
    };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw new UsageException($"{option} must be a date (yyyy-MM-dd), not '{text}'");

    /// <summary>Runs an appraisal step, turning a request the data cannot answer into bad input (exit 2).</summary>
    public static T Run<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (AppraisalInputException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>The three data files and the collection name.</summary>
    internal sealed class DataOptions
    {
        private readonly Option<string> _traits = new("--traits")
        {
            Description = "Traits file (the SDK's traits JSON or ERC-721 metadata JSON), as shared/data/cryptopunks-traits.json.",
            Required = true,
            HelpName = "FILE",
        };

        private readonly Option<string> _sales = MarketOptions.SalesFile(required: true);

        private readonly Option<string> _floors = new("--floors")
        {
            Description = "Daily floor CSV of end-of-day lowest asks (columns collection, date, floor_eth), as shared/data/cryptopunks-floor-onchain-daily.csv.",
            Required = true,
            HelpName = "FILE",
        };

        private readonly Option<string> _collection = MarketOptions.Collection();

        public void AddTo(Command command)
        {
            command.Add(_traits);
            command.Add(_sales);
            command.Add(_floors);
            command.Add(_collection);
        }

        public async Task<AppraisalDataset> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            string traitsPath = parse.GetRequiredValue(_traits);
            string salesPath = parse.GetRequiredValue(_sales);
            string floorsPath = parse.GetRequiredValue(_floors);
            string collection = parse.GetRequiredValue(_collection).Trim();
            CheckFile(traitsPath);
            CheckFile(salesPath);
            CheckFile(floorsPath);

            CollectionTraits traits;
            await using (FileStream stream = File.OpenRead(traitsPath))
            {
                traits = await TraitsJson.ReadAsync(stream, traitsPath, cancellationToken).ConfigureAwait(false);
            }

            TraitTable table;
            try
            {
                table = TraitTable.Build(traits.Tokens, name: traits.Name);
            }
            catch (CollectionDataException ex)
            {
                throw ex.Source is null ? ex.WithSource(traitsPath) : ex;
            }

            var sales = new List<Sale>();
            var others = new SortedSet<string>(StringComparer.Ordinal);
            await using (FileStream stream = File.OpenRead(salesPath))
            {
                await foreach (Sale sale in SalesCsv.ReadAsync(stream, salesPath, cancellationToken).ConfigureAwait(false))
                {
                    if (string.Equals(sale.Collection, collection, StringComparison.OrdinalIgnoreCase))
                    {
                        sales.Add(sale);
                    }
                    else if (others.Count < 10)
                    {
                        others.Add(sale.Collection);
                    }
                }
            }

            if (sales.Count == 0)
            {
                string found = others.Count == 0 ? "the file has no sales" : $"collections in the file: {string.Join(", ", others)}";
                throw new UsageException($"{salesPath}: no sales of collection '{collection}' ({found})");
            }

            IReadOnlyList<DailyFloor> floors;
            await using (FileStream stream = File.OpenRead(floorsPath))
            {
                floors = await FloorSeriesCsv.ReadAsync(stream, floorsPath, cancellationToken).ConfigureAwait(false);
            }

            if (!floors.Any(f => string.Equals(f.Collection, collection, StringComparison.OrdinalIgnoreCase)))
            {
                throw new UsageException($"{floorsPath}: no floor rows of collection '{collection}'");
            }

            try
            {
                return AppraisalDataset.Create(table, sales, floors, collection);
            }
            catch (CollectionDataException ex) when (ex.Field == "token_id")
            {
                throw new UsageException($"{salesPath}: token {ex.TokenId} of collection '{collection}' is not in {traitsPath}");
            }
            catch (CollectionDataException ex) when (ex.Source == "floors" || ex.Field is "date" or "floor_eth")
            {
                throw ex.WithSource(floorsPath);
            }
        }

        private static void CheckFile(string path)
        {
            if (Directory.Exists(path))
            {
                throw new UsageException($"{path}: is a directory, not a file");
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: file not found", path);
            }
        }
    }
}
