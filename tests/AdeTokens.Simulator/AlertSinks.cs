using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>What the alert tests inspect: bodies POSTed to the webhook sink, and messages accepted by sendMail.
/// The webhook sink is a stand-in for a Teams Workflows trigger, not Graph: it lives under /_sim, needs no token and is
/// not in the Graph request log.</summary>
internal sealed class AlertSinks
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _webhooks = [];
    private readonly List<JsonObject> _mail = [];
    private WebhookFault? _fault;

    /// <summary>The next <c>Count</c> webhook posts get <c>Status</c> (with Retry-After when given) instead of 202.</summary>
    public sealed record WebhookFault(int Status, int Count, int? RetryAfterSeconds);

    public void SetFault(WebhookFault? fault)
    {
        lock (_gate)
        {
            _fault = fault;
        }
    }

    /// <summary>Records the post and decides the answer: the fault while it lasts, else 202 Accepted.</summary>
    public (int Status, int? RetryAfter) ReceiveWebhook(string name, JsonNode? body, string contentType, DateTimeOffset at)
    {
        lock (_gate)
        {
            var status = 202;
            int? retryAfter = null;
            if (_fault is { Count: > 0 } f)
            {
                status = f.Status;
                retryAfter = f.RetryAfterSeconds;
                _fault = f with { Count = f.Count - 1 };
            }

            _webhooks.Add(new JsonObject
            {
                ["name"] = name,
                ["status"] = status,
                ["contentType"] = contentType,
                ["receivedAt"] = SimDates.Format(at, DateStyle.Utc7),
                ["body"] = body,
            });
            return (status, retryAfter);
        }
    }

    public void ReceiveMail(string user, JsonObject message, JsonNode? saveToSentItems, DateTimeOffset at)
    {
        lock (_gate)
        {
            _mail.Add(new JsonObject
            {
                ["user"] = user,
                ["receivedAt"] = SimDates.Format(at, DateStyle.Utc7),
                ["message"] = message.DeepClone(),
                ["saveToSentItems"] = saveToSentItems?.DeepClone(),
            });
        }
    }

    public JsonArray Webhooks()
    {
        lock (_gate)
        {
            return new JsonArray(_webhooks.Select(w => (JsonNode?)w.DeepClone()).ToArray());
        }
    }

    public JsonArray Mail()
    {
        lock (_gate)
        {
            return new JsonArray(_mail.Select(m => (JsonNode?)m.DeepClone()).ToArray());
        }
    }

    public void ClearWebhooks()
    {
        lock (_gate)
        {
            _webhooks.Clear();
            _fault = null;
        }
    }

    public void ClearMail()
    {
        lock (_gate)
        {
            _mail.Clear();
        }
    }

    /// <summary>The largest sendMail request the simulator takes. Graph answers a larger one with 413 and "The maximum
    /// request length supported is 4MB" (the service's own message; the sendMail reference page states no limit, so the
    /// exact edge and error code are UNVERIFIED, see tests/scenarios/README.md).</summary>
    public const long SendMailMaxBytes = 4L * 1024 * 1024;

    /// <summary>Refuses a sendMail request body over <see cref="SendMailMaxBytes"/> with 413, then rewinds the body for the
    /// route to read.</summary>
    public static async Task CheckSendMailSizeAsync(HttpContext ctx)
    {
        ctx.Request.EnableBuffering();
        var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        if (buffer.Length > SendMailMaxBytes)
        {
            throw new GraphException(413, "RequestEntityTooLarge", "The maximum request length supported is 4MB.");
        }

        ctx.Request.Body.Position = 0;
    }

    public static void Map(WebApplication app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapPost("/webhooks/{name}", ReceiveAsync);
        sim.MapGet("/webhooks", (HttpContext ctx) => Send(ctx, Sinks(ctx).Webhooks()));
        sim.MapDelete("/webhooks", (HttpContext ctx) =>
        {
            Sinks(ctx).ClearWebhooks();
            return GraphJson.NoContent(ctx);
        });
        sim.MapPut("/webhooks/fault", async (HttpContext ctx) =>
        {
            var f = new Fields(await GraphRoutes.ReadJsonObjectAsync(ctx), "webhook fault");
            var status = f.Int("status") ?? throw GraphException.BadRequest("status is required.");
            var count = f.Int("count") ?? 1;
            var retryAfter = f.Int("retryAfterSeconds");
            f.RejectUnknown();
            if (status is < 400 or > 599 || count < 0 || retryAfter is < 0)
            {
                throw GraphException.BadRequest("status must be 400-599, count and retryAfterSeconds non-negative.");
            }

            Sinks(ctx).SetFault(new WebhookFault(status, count, retryAfter));
            await GraphJson.NoContent(ctx);
        });
        sim.MapDelete("/webhooks/fault", (HttpContext ctx) =>
        {
            Sinks(ctx).SetFault(null);
            return GraphJson.NoContent(ctx);
        });
        sim.MapGet("/mail", (HttpContext ctx) => Send(ctx, Sinks(ctx).Mail()));
        sim.MapDelete("/mail", (HttpContext ctx) =>
        {
            Sinks(ctx).ClearMail();
            return GraphJson.NoContent(ctx);
        });
    }

    private static AlertSinks Sinks(HttpContext ctx) => ctx.RequestServices.GetRequiredService<AlertSinks>();

    private static async Task ReceiveAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Recorded as text, so a test can see what was wrong with it; a real trigger would answer 400.
            body = JsonValue.Create(text);
        }

        var name = ctx.GetRouteValue("name") as string ?? string.Empty;
        var (status, retryAfter) = Sinks(ctx).ReceiveWebhook(name, body, ctx.Request.ContentType ?? string.Empty, DateTimeOffset.UtcNow);
        if (retryAfter is { } r)
        {
            ctx.Response.Headers["Retry-After"] = r.ToString(CultureInfo.InvariantCulture);
        }

        ctx.Response.StatusCode = status;
    }

    private static Task Send(HttpContext ctx, JsonNode node) => GraphJson.SendAsync(ctx, 200, GraphJson.Build(w => node.WriteTo(w)));
}
