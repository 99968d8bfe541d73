using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>The one lock around the simulated tenant. Every Graph handler runs its read-modify-render inside
/// <see cref="Run{T}"/>, so concurrent requests see whole states and pending syncs are settled before anyone looks.</summary>
internal sealed class TenantState(IClock clock, Tenant initial)
{
    private readonly object _gate = new();
    private Tenant _tenant = initial;

    public IClock Clock => clock;

    public T Run<T>(Func<Tenant, DateTimeOffset, T> action)
    {
        lock (_gate)
        {
            var now = clock.UtcNow;
            _tenant.ApplyDueSyncs(now);
            return action(_tenant, now);
        }
    }

    public void Run(Action<Tenant, DateTimeOffset> action) => Run<bool>((t, now) =>
    {
        action(t, now);
        return true;
    });

    public void Replace(Tenant tenant)
    {
        lock (_gate)
        {
            _tenant = tenant;
        }
    }
}

/// <summary>What the client actually sent, for tests such as "-WhatIf made no write". Never holds headers or bodies,
/// so bearer tokens and server tokens cannot leak through it.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 100_000;
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];

    public sealed record Entry(string Method, string Path, string Query, int Status, string Time);

    public void Add(Entry entry)
    {
        lock (_gate)
        {
            if (_entries.Count >= Capacity)
            {
                _entries.RemoveRange(0, Capacity / 10);
            }

            _entries.Add(entry);
        }
    }

    public JsonArray Snapshot()
    {
        lock (_gate)
        {
            var array = new JsonArray();
            foreach (var e in _entries)
            {
                array.Add(new JsonObject
                {
                    ["method"] = e.Method,
                    ["path"] = e.Path,
                    ["query"] = e.Query,
                    ["status"] = e.Status,
                    ["time"] = e.Time,
                });
            }

            return array;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
