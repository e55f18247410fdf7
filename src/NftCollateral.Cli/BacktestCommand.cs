using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk.Appraisal;

namespace NftCollateral.Cli;

/// <summary><c>nftc backtest</c>: appraise every sale of a date range as of the day before it and compare with the floor-only baseline.</summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new AppraisalCli.DataOptions();
        Option<string> from = new("--from")
        {
            Description = "The first sale date (yyyy-MM-dd, UTC).",
            Required = true,
            HelpName = "DATE",
        };
        Option<string> to = new("--to")
        {
            Description = "The last sale date (yyyy-MM-dd, UTC, inclusive).",
            Required = true,
            HelpName = "DATE",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {n, excluded, mape, mdape, p95ape, within10, within20, baselineFloorOnly: {...}, floorTier, aboveFloorTier, months, rangeCoverage, meanConfidence}; errors are fractions.",
        };

        var command = new Command("backtest", "Appraise every sale from --from to --to using only information before it; report the errors beside the floor-only baseline (flagged wash/accidental sales excluded and counted).");
        inputs.AddTo(command);
        command.Add(from);
        command.Add(to);
        command.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            DateOnly first = AppraisalCli.ParseDate(parse.GetRequiredValue(from), "--from");
            DateOnly last = AppraisalCli.ParseDate(parse.GetRequiredValue(to), "--to");
            if (last < first)
            {
                throw new UsageException($"--to ({AppraisalCli.Iso(last)}) is before --from ({AppraisalCli.Iso(first)})");
            }

            AppraisalDataset data = await inputs.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            BacktestReport report = AppraisalCli.Run(() => AppraisalBacktest.Run(new TraitPremiumAppraiser(data), data, first, last));
            if (parse.GetValue(json))
            {
                CliJson.Write(context.Out, writer => WriteJson(writer, report));
            }
            else
            {
                WriteHuman(context.Out, data, report);
            }

            return NftcApp.Success;
        });
        return command;
    }

    private static void WriteJson(Utf8JsonWriter writer, BacktestReport report)
    {
        writer.WriteNumber("n", report.All.Model.Count);
        writer.WriteNumber("excluded", report.Excluded);
        WriteStats(writer, report.All.Model);
        writer.WriteStartObject("baselineFloorOnly");
        WriteStats(writer, report.All.Baseline);
        writer.WriteEndObject();
        WriteSegment(writer, "floorTier", report.FloorTier);
        WriteSegment(writer, "aboveFloorTier", report.AboveFloorTier);
        writer.WriteStartArray("months");
        foreach (BacktestSegment month in report.Months)
        {
            writer.WriteStartObject();
            writer.WriteString("month", month.Name);
            writer.WriteNumber("n", month.Model.Count);
            WriteStats(writer, month.Model);
            writer.WriteStartObject("baselineFloorOnly");
            WriteStats(writer, month.Baseline);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("rangeCoverage", report.RangeCoverage);
        writer.WriteNumber("meanConfidence", report.MeanConfidence);
    }

    private static void WriteSegment(Utf8JsonWriter writer, string name, BacktestSegment segment)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("n", segment.Model.Count);
        if (segment.Model.Count > 0)
        {
            WriteStats(writer, segment.Model);
            writer.WriteStartObject("baselineFloorOnly");
            WriteStats(writer, segment.Baseline);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter writer, AccuracyStats s)
    {
        writer.WriteNumber("mape", s.MeanApe);
        writer.WriteNumber("mdape", s.MedianApe);
        writer.WriteNumber("p95ape", s.P95Ape);
        writer.WriteNumber("within10", s.Within10);
        writer.WriteNumber("within20", s.Within20);
    }

    private static void WriteHuman(TextWriter o, AppraisalDataset data, BacktestReport r)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"{data.Collection} backtest {AppraisalCli.Iso(r.From)} to {AppraisalCli.Iso(r.To)}: {r.All.Model.Count} sales appraised as of the day before each, {r.Excluded} flagged wash/accidental sale(s) excluded"));
        o.WriteLine(string.Create(inv, $"{"",-22}{"n",7} {"mean APE",9} {"median",8} {"p95",7} {"≤10%",6} {"≤20%",6}"));
        Row(o, "all: trait-premium", r.All.Model);
        Row(o, "    floor only", r.All.Baseline);
        Row(o, "floor tier (≤1.5×)", r.FloorTier.Model);
        Row(o, "    floor only", r.FloorTier.Baseline);
        Row(o, "above 1.5× floor", r.AboveFloorTier.Model);
        Row(o, "    floor only", r.AboveFloorTier.Baseline);
        foreach (BacktestSegment m in r.Months)
        {
            Row(o, string.Create(inv, $"{m.Name} (floor {m.Baseline.MeanApe:P1})"), m.Model);
        }

        o.WriteLine(string.Create(inv, $"low–high range holds {r.RangeCoverage:P1} of sales (nominal 80%); mean confidence {r.MeanConfidence:P1} vs {r.All.Model.Within20:P1} within ±20%"));
    }

    private static void Row(TextWriter o, string name, AccuracyStats s) =>
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22}{s.Count,7} {s.MeanApe,9:P1} {s.MedianApe,8:P1} {s.P95Ape,7:P0} {s.Within10,6:P0} {s.Within20,6:P0}"));
}
