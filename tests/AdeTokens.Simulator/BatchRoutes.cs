using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>JSON batching (POST /beta/$batch), kept to Graph's documented shape: up to 20 requests with relative
/// URLs, answered with one {id, status, headers, body} per request. Each item is replayed over loopback through the
/// whole pipeline, so it meets the same auth, faults and budget as a request on its own (an item can be throttled
/// while its neighbours succeed, as in Graph). Only GET items are accepted: the client sends no others.</summary>
internal static class BatchRoutes
{
    private const int MaxRequests = 20;

    /// <summary>Marks the loopback replay of a batch item, so transport faults (resets, stalls) skip it.</summary>
    public const string ItemHeader = "x-sim-batch-item";

    private static readonly HttpClient Loopback = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static void Map(WebApplication app)
    {
        app.MapPost("/beta/$batch", BatchAsync).Requires(GraphAccess.Read);
        app.MapPost("/v1.0/$batch", BatchAsync).Requires(GraphAccess.Read);
    }

    private static async Task BatchAsync(HttpContext ctx)
    {
        var body = await GraphRoutes.ReadJsonObjectAsync(ctx);
        if (body["requests"] is not JsonArray requests)
        {
            throw GraphException.BadRequest("Invalid batch payload format: 'requests' must be an array.");
        }

        if (requests.Count is 0 or > MaxRequests)
        {
            throw GraphException.BadRequest($"Invalid batch payload: a batch holds 1 to {MaxRequests} requests, not {requests.Count}.");
        }

        var version = (ctx.Request.Path.Value ?? string.Empty).StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase) ? "/v1.0" : "/beta";
        var root = $"{ctx.Request.Scheme}://{ctx.Request.Host}{version}";
        var auth = ctx.Request.Headers.Authorization.ToString();
        var items = new List<(string Id, string Url)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in requests)
        {
            var id = node?["id"]?.GetValue<string>() ?? throw GraphException.BadRequest("Every batch request needs an id.");
            var method = node["method"]?.GetValue<string>() ?? throw GraphException.BadRequest($"Batch request '{id}' has no method.");
            var url = node["url"]?.GetValue<string>() ?? throw GraphException.BadRequest($"Batch request '{id}' has no url.");
            if (!ids.Add(id))
            {
                throw GraphException.BadRequest($"Batch request id '{id}' is used twice.");
            }

            if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                throw GraphException.BadRequest($"The simulator's $batch accepts GET items only, not {method} ('{id}').");
            }

            if (url.StartsWith("http", StringComparison.OrdinalIgnoreCase) || !url.StartsWith('/'))
            {
                throw GraphException.BadRequest($"Batch request '{id}' must use a URL relative to the version root, such as /deviceManagement/..., not '{url}'.");
            }

            items.Add((id, url));
        }

        var answers = await Task.WhenAll(items.Select(i => SendAsync(root + i.Url, auth, i.Id, ctx.RequestAborted)));
        var bytes = GraphJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("responses");
            foreach (var a in answers)
            {
                a.WriteTo(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        await GraphJson.SendAsync(ctx, 200, bytes);
    }

    private static async Task<JsonObject> SendAsync(string url, string auth, string id, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(ItemHeader, id);
        if (!string.IsNullOrEmpty(auth))
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(auth);
        }

        using var response = await Loopback.SendAsync(request, ct);
        var content = await response.Content.ReadAsByteArrayAsync(ct);
        var headers = new JsonObject { ["Content-Type"] = response.Content.Headers.ContentType?.ToString() ?? GraphJson.ContentType };
        foreach (var name in new[] { "Retry-After", "request-id", "client-request-id" })
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                headers[name] = values.First();
            }
        }

        var answer = new JsonObject { ["id"] = id, ["status"] = (int)response.StatusCode, ["headers"] = headers };
        if (content.Length > 0)
        {
            answer["body"] = JsonNode.Parse(content);
        }

        return answer;
    }
}
