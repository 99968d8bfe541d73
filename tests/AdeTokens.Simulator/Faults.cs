using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>A counted fault: "every Nth matching Graph request" and/or "the first K matching requests".
/// Optional method/pathContains narrow which requests count, e.g. throttle only the sync action.</summary>
internal sealed class RateFault
{
    public int Every { get; init; }

    public int First { get; init; }

    /// <summary>Trip this share (0-100) of matching requests, drawn from a seeded generator so a run can be repeated.</summary>
    public int Percent { get; init; }

    public int Seed { get; init; } = 7;

    /// <summary>The status to answer with where the fault allows a choice (503 or 504 for "unavailable").</summary>
    public int? Status { get; init; }

    /// <summary>Only requests whose raw query string contains this, e.g. "$skiptoken" for nextLink pages.</summary>
    public string? QueryContains { get; init; }

    /// <summary>For "slow": how long to hold the answer.</summary>
    public int DelayMs { get; init; }

    private Random? _random;

    /// <summary>Null sends no Retry-After header at all, which clients must also survive.</summary>
    public int? RetryAfterSeconds { get; init; }

    public string? Method { get; init; }

    public string? PathContains { get; init; }

    private int _seen;

    public bool Matches(string method, string path, string query = "") =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase))
        && (QueryContains is null || Uri.UnescapeDataString(query).Contains(QueryContains, StringComparison.OrdinalIgnoreCase));

    /// <summary>Counts this request and says whether it is one of the faulted ones. Caller holds the fault lock.</summary>
    public bool CountAndTrip()
    {
        _seen++;
        if ((First > 0 && _seen <= First) || (Every > 0 && _seen % Every == 0))
        {
            _tripped++;
            return true;
        }

        if (Percent > 0)
        {
            _random ??= new Random(Seed);
            if (_random.Next(100) < Percent)
            {
                _tripped++;
                return true;
            }
        }

        return false;
    }

    private int _tripped;

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
            Percent = f.Int("percent") ?? 0,
            Seed = f.Int("seed") ?? 7,
            Status = f.Int("status"),
            QueryContains = f.String("queryContains"),
            DelayMs = f.Int("delayMs") ?? 0,
        };
        f.RejectUnknown();
        if (fault.Every < 0 || fault.First < 0 || fault.Percent is < 0 or > 100 || (fault.Every == 0 && fault.First == 0 && fault.Percent == 0))
        {
            throw new ScenarioException($"{where}: give a positive \"every\", \"first\" and/or \"percent\" (0-100).");
        }

        if (fault.DelayMs is < 0 or > 600_000)
        {
            throw new ScenarioException($"{where}.delayMs must be between 0 and 600000.");
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

        if (Percent > 0)
        {
            o["percent"] = Percent;
        }

        if (QueryContains is not null)
        {
            o["queryContains"] = QueryContains;
        }

        o["seen"] = _seen;
        o["tripped"] = _tripped;
        return o;
    }
}

internal sealed class FaultSet
{
    public static FaultSet None => new();

    public int LatencyMs { get; init; }

    public RateFault? Throttle { get; init; }

    public RateFault? Unavailable { get; init; }

    /// <summary>Sends the headers and part of the body, then resets the connection.</summary>
    public RateFault? ResetBody { get; init; }

    /// <summary>Holds the answer for DelayMs: a response slower than the client's timeout.</summary>
    public RateFault? Slow { get; init; }

    /// <summary>401 InvalidAuthenticationToken, as for an access token that expired during a run.</summary>
    public RateFault? Unauthorized { get; init; }

    public bool Forbidden { get; init; }

    /// <summary>Bodies without Content-Length (chunked transfer encoding), as a compressed or streamed response has.</summary>
    public bool Chunked { get; init; }

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
        var reset = f.Node("resetBody");
        var slow = f.Node("slow");
        var unauthorized = f.Node("unauthorized");
        var set = new FaultSet
        {
            LatencyMs = latency,
            Throttle = throttle is null ? null : RateFault.Parse(throttle, where + ".throttle"),
            Unavailable = unavailable is null ? null : RateFault.Parse(unavailable, where + ".unavailable"),
            ResetBody = reset is null ? null : RateFault.Parse(reset, where + ".resetBody"),
            Slow = slow is null ? null : RateFault.Parse(slow, where + ".slow"),
            Unauthorized = unauthorized is null ? null : RateFault.Parse(unauthorized, where + ".unauthorized"),
            Forbidden = f.Bool("forbidden") ?? false,
            Chunked = f.Bool("chunked") ?? false,
        };
        if (set.Unavailable?.Status is { } st && st is not (500 or 502 or 503 or 504))
        {
            throw new ScenarioException($"{where}.unavailable.status must be 500, 502, 503 or 504.");
        }
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
        ["resetBody"] = ResetBody?.ToJson(),
        ["slow"] = Slow?.ToJson(),
        ["unauthorized"] = Unauthorized?.ToJson(),
        ["forbidden"] = Forbidden,
        ["chunked"] = Chunked,
    };
}

internal readonly record struct FaultDecision(int LatencyMs, int Status, string? Code, int? RetryAfterSeconds, bool Forbidden, bool ResetBody = false, int ExtraDelayMs = 0, bool Unauthorized = false, bool Chunked = false);

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

    public FaultSet Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <param name="transport">False for the items of a $batch: a reset or a stall belongs to the client's own connection.</param>
    public FaultDecision Evaluate(string method, string path, string query = "", bool transport = true)
    {
        lock (_gate)
        {
            var f = _current;
            var throttled = f.Throttle is { } t && t.Matches(method, path, query) && t.CountAndTrip();
            var unavailable = f.Unavailable is { } u && u.Matches(method, path, query) && u.CountAndTrip();
            var unauthorized = f.Unauthorized is { } a && a.Matches(method, path, query) && a.CountAndTrip();
            var reset = transport && f.ResetBody is { } r && r.Matches(method, path, query) && r.CountAndTrip();
            var slow = transport && f.Slow is { } s && s.Matches(method, path, query) && s.CountAndTrip() ? f.Slow!.DelayMs : 0;
            if (throttled)
            {
                return new FaultDecision(f.LatencyMs, 429, "TooManyRequests", f.Throttle!.RetryAfterSeconds, f.Forbidden, ExtraDelayMs: slow);
            }

            if (unavailable)
            {
                var status = f.Unavailable!.Status ?? 503;
                return new FaultDecision(f.LatencyMs, status, status == 504 ? "GatewayTimeout" : "ServiceUnavailable", f.Unavailable!.RetryAfterSeconds, f.Forbidden, ExtraDelayMs: slow);
            }

            return new FaultDecision(f.LatencyMs, 0, null, null, f.Forbidden, reset, slow, unauthorized, f.Chunked);
        }
    }
}

/// <summary>
/// Intune's throttling as the simulator plays it: at most Limit requests (WriteLimit writes) per app in any sliding
/// window of WindowMs, counted when they arrive; the one over the line gets 429 with Retry-After in whole seconds
/// until a slot frees. Requests inside a $batch count one each, and so does the envelope (an assumption: Microsoft
/// documents that batch items count, not whether the envelope does). Rejected requests take no slot.
/// </summary>
internal sealed class BudgetEnforcer
{
    /// <summary>Intune's documented numbers (reference §6), which every scenario gets unless it says otherwise.</summary>
    public static BudgetEnforcer Intune() => new();

    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<long>> _all = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<long>> _writes = new(StringComparer.OrdinalIgnoreCase);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _accepted;
    private long _rejected;
    private int _maxInWindow;

    public int Limit { get; init; } = 1000;

    public int WriteLimit { get; init; } = 100;

    public int WindowMs { get; init; } = 20_000;

    /// <summary>Null when the request may go on; otherwise the Retry-After in seconds.</summary>
    public int? TryAdmit(string app, bool write)
    {
        lock (_gate)
        {
            var now = _clock.ElapsedMilliseconds;
            var all = Window(_all, app, now);
            var writes = Window(_writes, app, now);
            long? freeAt = null;
            if (all.Count >= Limit)
            {
                freeAt = all.Peek() + WindowMs;
            }
            else if (write && writes.Count >= WriteLimit)
            {
                freeAt = writes.Peek() + WindowMs;
            }

            if (freeAt is { } at)
            {
                _rejected++;
                return (int)Math.Max(1, Math.Ceiling((at - now) / 1000.0));
            }

            all.Enqueue(now);
            if (write)
            {
                writes.Enqueue(now);
            }

            _accepted++;
            _maxInWindow = Math.Max(_maxInWindow, all.Count);
            return null;
        }
    }

    private Queue<long> Window(Dictionary<string, Queue<long>> map, string app, long now)
    {
        if (!map.TryGetValue(app, out var q))
        {
            map[app] = q = new Queue<long>();
        }

        while (q.Count > 0 && now - q.Peek() >= WindowMs)
        {
            q.Dequeue();
        }

        return q;
    }

    public static BudgetEnforcer Parse(JsonNode node, string where)
    {
        var f = new Fields(node, where);
        var b = new BudgetEnforcer
        {
            Limit = f.Int("limit") ?? 1000,
            WriteLimit = f.Int("writeLimit") ?? 100,
            WindowMs = f.Int("windowMs") ?? 20_000,
        };
        f.RejectUnknown();
        if (b.Limit < 1 || b.WriteLimit < 1 || b.WindowMs < 100)
        {
            throw new ScenarioException($"{where}: limit and writeLimit must be positive and windowMs at least 100.");
        }

        return b;
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["limit"] = Limit,
                ["writeLimit"] = WriteLimit,
                ["windowMs"] = WindowMs,
                ["accepted"] = _accepted,
                ["rejected"] = _rejected,
                ["maxInWindow"] = _maxInWindow,
            };
        }
    }
}

/// <summary>The live budget; a scenario load or PUT /_sim/budget starts a fresh count.</summary>
internal sealed class BudgetHolder
{
    private BudgetEnforcer _current = BudgetEnforcer.Intune();

    public BudgetEnforcer Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
