using System.Text;
using System.Text.Json;

namespace NftCollateral.Cli;

/// <summary>Writes the one JSON document a command prints with <c>--json</c>, on one line.</summary>
internal static class CliJson
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> writeBody)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }
}
