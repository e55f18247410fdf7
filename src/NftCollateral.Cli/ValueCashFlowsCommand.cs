using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk;
using NftCollateral.Sdk.CashFlows;

namespace NftCollateral.Cli;

/// <summary><c>nftc value-cashflows</c>: NPV, IRR, XIRR and the price-to-cash-flow multiple of a <c>date,amount</c> file.</summary>
internal static class ValueCashFlowsCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> revenue = RevenueFile();
        Option<string> rate = new("--discount-rate")
        {
            Description = "Annual discount rate in percent (10 or 10% = 10%), above -100. Each amount is discounted by (1 + rate)^(days since the first date / 365).",
            Required = true,
            HelpName = "PCT",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {npv, irr, irrPeriod, xirr, multiple, reasons} (rates as fractions; null with a reason in reasons where undefined).",
        };

        var command = new Command("value-cashflows", "Value a cash-flow file (date,amount; negative = paid out): NPV at a discount rate, IRR per period, XIRR (annual, actual/365) and price-to-cash-flow multiple.")
        {
            revenue, rate, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetRequiredValue(revenue);
            double annual = ParsePercent(parse.GetRequiredValue(rate), "--discount-rate");
            CashFlowSeries series = await LoadRevenueAsync(path, cancellationToken).ConfigureAwait(false);

            double npv = CashFlowMath.Xnpv(series, annual);
            IrrResult irr = CashFlowMath.Irr(series);
            IrrResult xirr = CashFlowMath.Xirr(series);
            CashFlowFigure multiple = CashFlowMath.PriceToTrailingCashFlow(series);
            if (parse.GetValue(json))
            {
                CliJson.Write(context.Out, writer =>
                {
                    writer.WriteNumber("npv", npv);
                    WriteRate(writer, "irr", irr.Rate);
                    if (series.Period is CashFlowPeriod period)
                    {
                        writer.WriteString("irrPeriod", period.ToString());
                    }
                    else
                    {
                        writer.WriteNull("irrPeriod");
                    }

                    WriteRate(writer, "xirr", xirr.Rate);
                    WriteRate(writer, "multiple", multiple.Value);
                    writer.WriteStartObject("reasons");
                    WriteReason(writer, "irr", irr.Rate is null ? irr.Reason : null);
                    WriteReason(writer, "xirr", xirr.Rate is null ? xirr.Reason : null);
                    WriteReason(writer, "multiple", multiple.Reason);
                    writer.WriteEndObject();
                });
            }
            else
            {
                WriteHuman(context.Out, path, series, annual, npv, irr, xirr, multiple);
            }

            return NftcApp.Success;
        });
        return command;
    }

    internal static Option<string> RevenueFile() => new("--revenue")
    {
        Description = "Cash-flow CSV with the header date,amount (ISO dates, sorted; negative = paid out, positive = received).",
        Required = true,
        HelpName = "FILE",
    };

    /// <summary>Parses a percentage (<c>9.5</c> or <c>9.5%</c>) into a fraction above −1.</summary>
    internal static double ParsePercent(string text, string option)
    {
        string trimmed = text.Trim().TrimEnd('%').Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) || !double.IsFinite(percent))
        {
            throw new UsageException($"{option} must be a number of percent (e.g. 9.5 for 9.5%), not '{text}'");
        }

        if (percent <= -100)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be above -100% (at -100% or below the discount factor is infinite or negative), not {trimmed}%"));
        }

        return percent / 100;
    }

    internal static async Task<CashFlowSeries> LoadRevenueAsync(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = Open(path);
        try
        {
            return await CashFlowCsv.ReadAsync(stream, path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (CashFlowDataException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    internal static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path}: is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        return File.OpenRead(path);
    }

    internal static string Percent(double fraction) => (fraction * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    private static void WriteRate(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is double v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteReason(Utf8JsonWriter writer, string name, string? reason)
    {
        if (reason is not null)
        {
            writer.WriteString(name, reason);
        }
    }

    private static void WriteHuman(TextWriter output, string path, CashFlowSeries series, double annual, double npv, IrrResult irr, IrrResult xirr, CashFlowFigure multiple)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string spacing = series.Period is CashFlowPeriod p ? $"every {p}" : "irregular dates";
        output.WriteLine(string.Create(inv, $"{path}: {series.Count} flow(s) from {Iso(series.FirstDate)} to {Iso(series.LastDate)} ({spacing})"));
        output.WriteLine(string.Create(inv, $"  NPV at {Percent(annual)} a year (actual/365, at {Iso(series.FirstDate)}): {npv:0.##}"));
        output.WriteLine(irr.Rate is double r && series.Period is CashFlowPeriod period
            ? $"  IRR: {Percent(r)} per {period} ({Percent(period.Annualise(r))} a year)"
            : $"  IRR: undefined ({irr.Reason})");
        output.WriteLine(xirr.Rate is double x ? $"  XIRR: {Percent(x)} a year (actual/365)" : $"  XIRR: undefined ({xirr.Reason})");
        output.WriteLine(multiple.Value is double m
            ? string.Create(inv, $"  price-to-cash-flow: {m:0.##}x (paid out / received in the 365 days to {Iso(series.LastDate)})")
            : $"  price-to-cash-flow: undefined ({multiple.Reason})");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
