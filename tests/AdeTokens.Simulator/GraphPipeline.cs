using System.Globalization;

namespace AdeTokens.Simulator;

/// <summary>Endpoint metadata: which permission family a Graph route needs (reference §4).</summary>
internal enum GraphAccess
{
    Read,
    Write,

    /// <summary>Graph sendMail: Mail.Send, as an application role or a delegated scope.</summary>
    MailSend,
}

/// <summary>The cross-cutting behaviour every simulated Graph call goes through, in the order a real call meets it:
/// correlation headers, latency and injected throttling/outage, bearer-token check, permission check, then the route.
/// Anything that goes wrong is rendered as a Graph error body.</summary>
internal static class GraphPipeline
{
    private static readonly string[] ReadPermissions =
    [
        "DeviceManagementServiceConfig.Read.All",
        "DeviceManagementServiceConfig.ReadWrite.All",
        "DeviceManagementConfiguration.Read.All",
        "DeviceManagementConfiguration.ReadWrite.All",
    ];

    private static readonly string[] WritePermissions =
    [
        "DeviceManagementServiceConfig.ReadWrite.All",
        "DeviceManagementConfiguration.ReadWrite.All",
    ];

    private static readonly string[] MailSendPermissions = ["Mail.Send"];

    /// <summary>The test control surface and the managed-identity endpoint are not Graph: no auth, faults or recording.</summary>
    public static bool IsGraphPath(PathString path) =>
        !path.StartsWithSegments("/_sim", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/msi", StringComparison.OrdinalIgnoreCase);

    public static Task CorrelationAsync(HttpContext ctx, RequestDelegate next)
    {
        var ids = Correlation.Get(ctx);
        ctx.Response.Headers["request-id"] = ids.RequestId;
        ctx.Response.Headers["client-request-id"] = ids.ClientRequestId;
        return next(ctx);
    }

    private static int s_inFlight;

    /// <summary>Graph requests being served right now, so a test can tell that a stopped client left none running.</summary>
    public static int InFlight => Volatile.Read(ref s_inFlight);

    // By the path's last segment (importedAppleDeviceIdentities, enrollmentProfiles, ...): how many were served at once,
    // at most, since the last reset, so a test can see a client's cap on its requests on the wire.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> s_bySegment = new(StringComparer.OrdinalIgnoreCase);

    public static System.Text.Json.Nodes.JsonObject InFlightMaxima()
    {
        var o = new System.Text.Json.Nodes.JsonObject();
        foreach (var kv in s_bySegment) o[kv.Key] = Volatile.Read(ref kv.Value[1]);
        return o;
    }

    public static void ResetInFlightMaxima() => s_bySegment.Clear();

    private static string LastSegment(PathString path)
    {
        var p = path.Value ?? string.Empty;
        return p[(p.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/');
    }

    public static async Task GateAsync(HttpContext ctx, RequestDelegate next)
    {
        var graph = IsGraphPath(ctx.Request.Path);
        int[]? segment = null;
        if (graph)
        {
            Interlocked.Increment(ref s_inFlight);
            segment = s_bySegment.GetOrAdd(LastSegment(ctx.Request.Path), _ => new int[2]);
            var now = Interlocked.Increment(ref segment[0]);
            int max;
            while (now > (max = Volatile.Read(ref segment[1])) && Interlocked.CompareExchange(ref segment[1], now, max) != max) { }
        }

        try
        {
            if (graph)
            {
                await ApplyFaultsAndAuthAsync(ctx);
            }

            await next(ctx);

            // Routing misses (404) and method mismatches (405) come back empty; give them a Graph body too.
            if (!ctx.Response.HasStarted && ctx.Response.StatusCode >= 400)
            {
                var status = ctx.Response.StatusCode;
                await GraphJson.WriteErrorAsync(ctx, status, GraphJson.DefaultCodeFor(status),
                    status == 405 ? $"The HTTP method '{ctx.Request.Method}' is not allowed on this resource." : "Resource not found.");
            }
        }
        catch (GraphException ex) when (!ctx.Response.HasStarted)
        {
            foreach (var (name, value) in ex.Headers)
            {
                ctx.Response.Headers[name] = value;
            }

            await GraphJson.WriteErrorAsync(ctx, ex.Status, ex.Code, ex.Message);
        }
        catch (ScenarioException ex) when (!ctx.Response.HasStarted)
        {
            // Control-surface bodies are read with the strict scenario reader.
            await GraphJson.WriteErrorAsync(ctx, 400, "BadRequest", ex.Message);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (!ctx.Response.HasStarted)
        {
            var logger = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AdeTokens.Simulator");
            logger.LogError(ex, "Unhandled simulator error on {Method} {Path}", ctx.Request.Method, ctx.Request.Path);
            await GraphJson.WriteErrorAsync(ctx, 500, "InternalServerError", "The simulator failed: " + ex.Message);
        }
        finally
        {
            if (graph)
            {
                Interlocked.Decrement(ref s_inFlight);
                Interlocked.Decrement(ref segment![0]);
                var log = ctx.RequestServices.GetRequiredService<RequestLog>();
                var clock = ctx.RequestServices.GetRequiredService<IClock>();
                var query = ctx.Request.QueryString.HasValue ? Uri.UnescapeDataString(ctx.Request.QueryString.Value!.TrimStart('?')) : string.Empty;
                log.Add(new RequestLog.Entry(
                    ctx.Request.Method,
                    ctx.Request.Path.Value ?? string.Empty,
                    query,
                    ctx.Response.StatusCode,
                    SimDates.Format(clock.UtcNow, DateStyle.Utc7)));
            }
        }
    }

    private static async Task ApplyFaultsAndAuthAsync(HttpContext ctx)
    {
        var faults = ctx.RequestServices.GetRequiredService<FaultController>()
            .Evaluate(ctx.Request.Method, ctx.Request.Path.Value ?? string.Empty, ctx.Request.QueryString.Value ?? string.Empty,
                transport: !ctx.Request.Headers.ContainsKey(BatchRoutes.ItemHeader));
        if (faults.LatencyMs + faults.ExtraDelayMs > 0)
        {
            await Task.Delay(faults.LatencyMs + faults.ExtraDelayMs, ctx.RequestAborted);
        }

        // Throttling and outages are decided before authentication, the way a front door sheds load.
        if (faults.Status != 0)
        {
            var ex = new GraphException(faults.Status, faults.Code!, faults.Status == 429
                ? "Too many requests. The request was throttled by the simulated service; retry after the interval in Retry-After."
                : "The service is temporarily unavailable. Please retry later.");
            if (faults.RetryAfterSeconds is { } retry)
            {
                ex.Headers["Retry-After"] = retry.ToString(CultureInfo.InvariantCulture);
            }

            throw ex;
        }

        var principal = Authenticate(ctx);
        ctx.Items[Principal.ItemKey] = principal;

        if (faults.Unauthorized)
        {
            var expired = new GraphException(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
            expired.Headers["WWW-Authenticate"] = "Bearer";
            throw expired;
        }

        // Intune's per-app budget: the request over the line is refused with Retry-After, as the real service does.
        var isWrite = !HttpMethods.IsGet(ctx.Request.Method) && !(ctx.Request.Path.Value ?? string.Empty).EndsWith("/$batch", StringComparison.Ordinal);
        if (ctx.RequestServices.GetRequiredService<BudgetHolder>().Current.TryAdmit(principal.AppId ?? "(no appid)", isWrite) is { } wait)
        {
            var ex = new GraphException(429, "TooManyRequests", "Too many requests: this application is over its Intune request budget for this tenant.");
            ex.Headers["Retry-After"] = wait.ToString(CultureInfo.InvariantCulture);
            throw ex;
        }

        if (faults.ResetBody)
        {
            ctx.Items[GraphJson.ResetBodyKey] = true;
        }

        if (faults.Chunked)
        {
            ctx.Items[GraphJson.ChunkedKey] = true;
        }

        if (faults.Forbidden)
        {
            throw Forbidden();
        }
    }

    private static Principal Authenticate(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        string error;
        if (string.IsNullOrWhiteSpace(header))
        {
            error = "Access token is empty.";
        }
        else if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            error = "Access token validation failure. The Authorization header must use the Bearer scheme.";
        }
        else if (ctx.RequestServices.GetRequiredService<JwtService>().TryValidate(header["Bearer ".Length..].Trim(), out var principal, out error))
        {
            return principal!;
        }

        var ex = new GraphException(401, "InvalidAuthenticationToken", error);
        ex.Headers["WWW-Authenticate"] = "Bearer";
        throw ex;
    }

    /// <summary>Runs after routing so it can read the matched endpoint's <see cref="GraphAccess"/>.</summary>
    public static Task PermissionAsync(HttpContext ctx, RequestDelegate next)
    {
        var access = ctx.GetEndpoint()?.Metadata.GetMetadata<AccessRequirement>();
        if (access is not null && ctx.Items[Principal.ItemKey] is Principal principal)
        {
            var accepted = access.Access switch
            {
                GraphAccess.Write => WritePermissions,
                GraphAccess.MailSend => MailSendPermissions,
                _ => ReadPermissions,
            };
            if (!accepted.Any(principal.Permissions.Contains))
            {
                throw Forbidden();
            }
        }

        return next(ctx);
    }

    /// <summary>Deliberately the same generic text whatever is missing: the real service says no more than this.</summary>
    private static GraphException Forbidden() =>
        new(403, "Forbidden", "Application is not authorized to perform this operation.");
}

internal sealed record AccessRequirement(GraphAccess Access);

internal static class GraphAccessExtensions
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, GraphAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(access));
}
