using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>A counted fault: "every Nth matching Graph request" and/or "the first K matching requests".
/// Optional method/pathContains narrow which requests count, e.g. throttle only the sync action.</summary>
internal sealed class RateFault
{
    public int Every { get; init; }

    public int First { get; init; }

    /// <summary>Null sends no Retry-After header at all, which clients must also survive.</summary>
    public int? RetryAfterSeconds { get; init; }

    public string? Method { get; init; }

    public string? PathContains { get; init; }

    private int _seen;

    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase));

    /// <summary>Counts this request and says whether it is one of the faulted ones. Caller holds the fault lock.</summary>
    public bool CountAndTrip()
    {
        _seen++;
        return (First > 0 && _seen <= First) || (Every > 0 && _seen % Every == 0);
    }

    public static RateFault Parse(JsonNode node, string where)
    {
        var f = new Fields(node, where);
        var fault = new RateFault
        {
            Every = f.Int("every") ?? 0,
            First = f.Int("first") ?? 0,
            RetryAfterSeconds = f.Int("retryAfterSeconds"),
            Method = f.String("method"),
            PathContains = f.String("pathContains"),
        };
        f.RejectUnknown();
        if (fault.Every < 0 || fault.First < 0 || (fault.Every == 0 && fault.First == 0))
        {
            throw new ScenarioException($"{where}: give a positive \"every\" and/or \"first\".");
        }

        if (fault.RetryAfterSeconds is < 0)
        {
            throw new ScenarioException($"{where}.retryAfterSeconds must not be negative.");
        }

        return fault;
    }

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        if (Every > 0)
        {
            o["every"] = Every;
        }

        if (First > 0)
        {
            o["first"] = First;
        }

        if (RetryAfterSeconds is { } r)
        {
            o["retryAfterSeconds"] = r;
        }

        if (Method is not null)
        {
            o["method"] = Method;
        }

        if (PathContains is not null)
        {
            o["pathContains"] = PathContains;
        }

        o["seen"] = _seen;
        return o;
    }
}

internal sealed class FaultSet
{
    public static FaultSet None => new();

    public int LatencyMs { get; init; }

    public RateFault? Throttle { get; init; }

    public RateFault? Unavailable { get; init; }

    public bool Forbidden { get; init; }

    public static FaultSet Parse(JsonNode? node, string where)
    {
        if (node is null)
        {
            return None;
        }

        var f = new Fields(node, where);
        var latency = f.Int("latencyMs") ?? 0;
        var throttle = f.Node("throttle");
        var unavailable = f.Node("unavailable");
        var set = new FaultSet
        {
            LatencyMs = latency,
            Throttle = throttle is null ? null : RateFault.Parse(throttle, where + ".throttle"),
            Unavailable = unavailable is null ? null : RateFault.Parse(unavailable, where + ".unavailable"),
            Forbidden = f.Bool("forbidden") ?? false,
        };
        f.RejectUnknown();
        if (latency is < 0 or > 120_000)
        {
            throw new ScenarioException($"{where}.latencyMs must be between 0 and 120000.");
        }

        return set;
    }

    public JsonObject ToJson() => new()
    {
        ["latencyMs"] = LatencyMs,
        ["throttle"] = Throttle?.ToJson(),
        ["unavailable"] = Unavailable?.ToJson(),
        ["forbidden"] = Forbidden,
    };
}

internal readonly record struct FaultDecision(int LatencyMs, int Status, string? Code, int? RetryAfterSeconds, bool Forbidden);

/// <summary>Holds the live fault set. Separate from the tenant lock so a slow (latency) request never blocks state.</summary>
internal sealed class FaultController
{
    private readonly object _gate = new();
    private FaultSet _current = FaultSet.None;

    public void Replace(FaultSet faults)
    {
        lock (_gate)
        {
            _current = faults;
        }
    }

    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            return _current.ToJson();
        }
    }

    public FaultDecision Evaluate(string method, string path)
    {
        lock (_gate)
        {
            var f = _current;
            var throttled = f.Throttle is { } t && t.Matches(method, path) && t.CountAndTrip();
            var unavailable = f.Unavailable is { } u && u.Matches(method, path) && u.CountAndTrip();
            if (throttled)
            {
                return new FaultDecision(f.LatencyMs, 429, "TooManyRequests", f.Throttle!.RetryAfterSeconds, f.Forbidden);
            }

            if (unavailable)
            {
                return new FaultDecision(f.LatencyMs, 503, "ServiceUnavailable", f.Unavailable!.RetryAfterSeconds, f.Forbidden);
            }

            return new FaultDecision(f.LatencyMs, 0, null, null, f.Forbidden);
        }
    }
}
