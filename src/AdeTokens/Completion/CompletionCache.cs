using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;

namespace AdeTokens.Completion
{
    /// <summary>One thing a completer can offer: what is inserted and what the user recognises it by.</summary>
    internal readonly struct CompletionItem
    {
        public CompletionItem(string id, string name)
        {
            Id = id;
            Name = name;
        }

        public string Id { get; }

        public string Name { get; }
    }

    /// <summary>
    /// What Tab completion has read from the tenant, per runspace. Entries live for <see cref="Lifetime"/>, so a run of
    /// Tabs costs one Graph call, and are dropped when the runspace's connection changes (another tenant).
    /// </summary>
    internal static class CompletionCache
    {
        /// <summary>Long enough for a burst of Tabs, short enough that a token renamed in Intune shows up soon.</summary>
        internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

        /// <summary>A Tab must never hang the prompt: past this, offer nothing.</summary>
        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

        private sealed class Entry
        {
            public Entry(DateTime readAt, IReadOnlyList<CompletionItem> items)
            {
                ReadAt = readAt;
                Items = items;
            }

            public DateTime ReadAt { get; }

            public IReadOnlyList<CompletionItem> Items { get; }
        }

        private sealed class Holder
        {
            public AdeGraphConnection? Connection;
            public Entry? Tokens;
            public readonly Dictionary<string, Entry> Profiles = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> s_table = new ConditionalWeakTable<Runspace, Holder>();

        /// <summary>The tenant's tokens, or nothing without a connection or when Graph fails.</summary>
        public static IReadOnlyList<CompletionItem> Tokens()
            => Read(h => h.Tokens, (h, e) => h.Tokens = e, async (service, ct) =>
                (await service.ListAllTokensAsync(ct).ConfigureAwait(false)).Where(t => !string.IsNullOrEmpty(t.Id)).Select(t => new CompletionItem(t.Id!, t.TokenName ?? string.Empty)).ToList());

        /// <summary>The enrollment profiles of one token, or nothing without a connection or when Graph fails.</summary>
        public static IReadOnlyList<CompletionItem> Profiles(string tokenId)
            => Read(h => h.Profiles.TryGetValue(tokenId, out var e) ? e : null, (h, e) => h.Profiles[tokenId] = e, async (service, ct) =>
            {
                var items = new List<CompletionItem>();
                await service.ListProfilesAsync(tokenId, p =>
                {
                    if (!string.IsNullOrEmpty(p.Id)) items.Add(new CompletionItem(p.Id!, p.DisplayName ?? string.Empty));
                    return true;
                }, ct).ConfigureAwait(false);
                return items;
            });

        private static IReadOnlyList<CompletionItem> Read(
            Func<Holder, Entry?> get,
            Action<Holder, Entry> set,
            Func<AdeGraphService, CancellationToken, Task<List<CompletionItem>>> fetch)
        {
            var runspace = Runspace.DefaultRunspace;
            var connection = SessionStore.Current;
            if (runspace is null || connection is null) return Array.Empty<CompletionItem>();
            var holder = s_table.GetValue(runspace, _ => new Holder());
            lock (holder)
            {
                if (!ReferenceEquals(holder.Connection, connection))
                {
                    holder.Connection = connection;
                    holder.Tokens = null;
                    holder.Profiles.Clear();
                }
                var cached = get(holder);
                if (cached != null && DateTime.UtcNow - cached.ReadAt < Lifetime) return cached.Items;
            }

            List<CompletionItem> items;
            try
            {
                using var cts = new CancellationTokenSource(s_timeout);
                var service = new AdeGraphService(connection);
                // Task.Run: the prompt's thread may carry a synchronization context that the Graph client's awaits would need.
                items = Task.Run(() => fetch(service, cts.Token), cts.Token).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Completion is a convenience: a Graph failure, a timeout or a missing permission offers nothing and
                // writes no error; the command itself reports the failure when it runs.
                return Array.Empty<CompletionItem>();
            }

            lock (holder)
            {
                if (ReferenceEquals(holder.Connection, connection)) set(holder, new Entry(DateTime.UtcNow, items));
            }
            return items;
        }
    }
}
