using System.Net;
using System.Text;
using System.Text.Json;

namespace NftCollateral.Sdk.Evm.Tests.Rpc;

/// <summary>A unit-test HTTP handler: each request's JSON body goes to a script that returns the response.</summary>
internal sealed class ScriptedHandler(Func<JsonElement, HttpResponseMessage> script) : HttpMessageHandler
{
    public int Requests { get; private set; }

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Answers each request of a single call or batch with <paramref name="result"/>(method, params) as its result.</summary>
    public static ScriptedHandler Results(Func<string, JsonElement, string> result) => new(request =>
    {
        static string One(JsonElement r, Func<string, JsonElement, string> f) =>
            $"{{\"jsonrpc\":\"2.0\",\"id\":{r.GetProperty("id").GetRawText()},\"result\":{f(r.GetProperty("method").GetString()!, r.GetProperty("params"))}}}";
        return request.ValueKind == JsonValueKind.Array
            ? Json("[" + string.Join(",", request.EnumerateArray().Select(r => One(r, result))) + "]")
            : Json(One(request, result));
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        string body = await request.Content!.ReadAsStringAsync(cancellationToken);
        using JsonDocument document = JsonDocument.Parse(body);
        return script(document.RootElement.Clone());
    }
}
