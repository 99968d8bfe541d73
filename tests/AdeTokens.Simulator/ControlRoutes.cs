using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>The test-only control surface under /_sim. Not Graph: no auth, no faults, not recorded.</summary>
internal static class ControlRoutes
{
    public static void Map(WebApplication app)
    {
        var sim = app.MapGroup("/_sim");

        sim.MapGet("/requests", (HttpContext ctx) =>
            SendNode(ctx, ctx.RequestServices.GetRequiredService<RequestLog>().Snapshot()));
        sim.MapDelete("/requests", (HttpContext ctx) =>
        {
            ctx.RequestServices.GetRequiredService<RequestLog>().Clear();
            return GraphJson.NoContent(ctx);
        });

        sim.MapGet("/inflight", (HttpContext ctx) => SendNode(ctx, new JsonObject { ["inFlight"] = GraphPipeline.InFlight, ["maxBySegment"] = GraphPipeline.InFlightMaxima() }));
        sim.MapDelete("/inflight", (HttpContext ctx) =>
        {
            GraphPipeline.ResetInFlightMaxima();
            return GraphJson.NoContent(ctx);
        });

        sim.MapGet("/faults", (HttpContext ctx) =>
            SendNode(ctx, ctx.RequestServices.GetRequiredService<FaultController>().Snapshot()));
        sim.MapPut("/faults", async (HttpContext ctx) =>
        {
            var body = await GraphRoutes.ReadJsonObjectAsync(ctx);
            ctx.RequestServices.GetRequiredService<FaultController>().Replace(FaultSet.Parse(body, "faults"));
            await GraphJson.NoContent(ctx);
        });
        sim.MapDelete("/faults", (HttpContext ctx) =>
        {
            ctx.RequestServices.GetRequiredService<FaultController>().Replace(FaultSet.None);
            return GraphJson.NoContent(ctx);
        });

        sim.MapGet("/budget", (HttpContext ctx) =>
            SendNode(ctx, ctx.RequestServices.GetRequiredService<BudgetHolder>().Current.ToJson()));
        sim.MapPut("/budget", async (HttpContext ctx) =>
        {
            var body = await GraphRoutes.ReadJsonObjectAsync(ctx);
            ctx.RequestServices.GetRequiredService<BudgetHolder>().Current = BudgetEnforcer.Parse(body, "budget");
            await GraphJson.NoContent(ctx);
        });

        sim.MapPost("/scenario", LoadScenarioAsync);

        sim.MapGet("/clock", (HttpContext ctx) => SendNode(ctx, ClockJson(ctx)));
        sim.MapPost("/clock", async (HttpContext ctx) =>
        {
            var f = new Fields(await GraphRoutes.ReadJsonObjectAsync(ctx), "clock");
            var seconds = f.Int("advanceSeconds") ?? throw GraphException.BadRequest("advanceSeconds is required.");
            f.RejectUnknown();
            if (seconds < 0)
            {
                throw GraphException.BadRequest("The simulator clock only moves forward.");
            }

            ctx.RequestServices.GetRequiredService<SimClock>().Advance(TimeSpan.FromSeconds(seconds));
            await SendNode(ctx, ClockJson(ctx));
        });

        // Lets a test change what Apple "answers" next, e.g. T&C accepted after a failing sync, without reloading.
        sim.MapPost("/tokens/{id}/syncOutcome", async (HttpContext ctx) =>
        {
            var f = new Fields(await GraphRoutes.ReadJsonObjectAsync(ctx), "syncOutcome request");
            var outcome = ScenarioLoader.ParseSyncOutcome(f.Node("syncOutcome"), "syncOutcome");
            f.RejectUnknown();
            var id = ctx.GetRouteValue("id") as string ?? string.Empty;
            ctx.RequestServices.GetRequiredService<TenantState>().Run((t, _) => t.RequireToken(id).SyncOutcome = outcome);
            await GraphJson.NoContent(ctx);
        });
    }

    /// <summary>A fresh tenant: new keys, new "now" for relative dates, clock offset and request log reset,
    /// faults taken from the new scenario.</summary>
    private static async Task LoadScenarioAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var json = await reader.ReadToEndAsync(ctx.RequestAborted);
        var clock = ctx.RequestServices.GetRequiredService<SimClock>();
        Tenant tenant;
        try
        {
            tenant = ScenarioLoader.Load(json, DateTimeOffset.UtcNow, "scenario");
        }
        catch (ScenarioException ex)
        {
            throw GraphException.BadRequest(ex.Message);
        }

        clock.Reset();
        ctx.RequestServices.GetRequiredService<TenantState>().Replace(tenant);
        ctx.RequestServices.GetRequiredService<FaultController>().Replace(tenant.Faults);
        ctx.RequestServices.GetRequiredService<BudgetHolder>().Current = tenant.Budget;
        ctx.RequestServices.GetRequiredService<RequestLog>().Clear();
        await SendNode(ctx, new JsonObject
        {
            ["tenantId"] = tenant.TenantId,
            ["tokens"] = tenant.Tokens.Count,
            ["now"] = SimDates.Format(tenant.LoadedAt, DateStyle.Utc7),
        });
    }

    private static JsonObject ClockJson(HttpContext ctx)
    {
        var clock = ctx.RequestServices.GetRequiredService<SimClock>();
        return new JsonObject
        {
            ["now"] = SimDates.Format(clock.UtcNow, DateStyle.Utc7),
            ["offsetSeconds"] = clock.Offset.TotalSeconds,
        };
    }

    private static Task SendNode(HttpContext ctx, JsonNode node) =>
        GraphJson.SendAsync(ctx, 200, GraphJson.Build(w => node.WriteTo(w)));
}
