using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
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
            {
                var items = new List<CompletionItem>();
                await service.ListTokensAsync(t =>
                {
                    if (!string.IsNullOrEmpty(t.Id)) items.Add(new CompletionItem(t.Id!, t.TokenName ?? string.Empty));
                    return true;
                }, ct).ConfigureAwait(false);
                return items;
            });

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

    /// <summary>Shared matching and quoting for the AdeTokens completers.</summary>
    public abstract class AdeCompleterBase : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                // An empty array, never null: null makes PowerShell fall back to completing file names.
                return Complete(Unquote(wordToComplete ?? string.Empty), fakeBoundParameters).ToArray();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private protected abstract IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters);

        /// <summary>Offers ids: the id is inserted, and the name is shown beside it and matched too.</summary>
        private protected static IEnumerable<CompletionResult> Ids(IEnumerable<CompletionItem> items, string word)
            => items
                .Where(i => Matches(i.Id, word) || Matches(i.Name, word))
                .OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
                .Select(i => new CompletionResult(Quote(i.Id), i.Name.Length == 0 ? i.Id : i.Id + " (" + i.Name + ")", CompletionResultType.ParameterValue, i.Name.Length == 0 ? i.Id : i.Name + " [" + i.Id + "]"));

        /// <summary>Offers names, quoted when they need it.</summary>
        private protected static IEnumerable<CompletionResult> Names(IEnumerable<CompletionItem> items, string word)
            => items
                .Where(i => i.Name.Length > 0 && Matches(i.Name, word))
                .GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CompletionResult(Quote(g.Key), g.Key, CompletionResultType.ParameterValue, g.Key + " [" + string.Join(", ", g.Select(i => i.Id)) + "]"));

        /// <summary>The first value of -TokenId on the command line, or null. (-Id is the profile itself where profiles complete.)</summary>
        private protected static string? BoundTokenId(IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters is null || !fakeBoundParameters.Contains("TokenId")) return null;
            var value = First(fakeBoundParameters["TokenId"]);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        private static string? First(object? value)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is string s) return s;
            if (value is IEnumerable e)
            {
                foreach (var item in e) return First(item);
                return null;
            }
            return value?.ToString();
        }

        private static bool Matches(string candidate, string word)
        {
            if (word.Length == 0) return true;
            if (WildcardPattern.ContainsWildcardCharacters(word))
            {
                return new WildcardPattern(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(candidate);
            }
            return candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase);
        }

        private static string Unquote(string word)
        {
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
            {
                var q = word[0];
                word = word.Substring(1);
                if (word.Length > 0 && word[word.Length - 1] == q) word = word.Substring(0, word.Length - 1);
                if (q == '\'') word = word.Replace("''", "'");
            }
            return word;
        }

        /// <summary>Single-quotes text the parser would otherwise split or expand (spaces, $, quotes, brackets...).</summary>
        internal static string Quote(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || "'\"`$(){}[];,&|@#<>".IndexOf(c) >= 0 || c == '\u2018' || c == '\u2019')
                {
                    return "'" + text.Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019") + "'";
                }
            }
            return text;
        }
    }

    /// <summary>Completes -Name with the names of the connected tenant's ADE tokens.</summary>
    public sealed class AdeTokenNameCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
            => Names(CompletionCache.Tokens(), word);
    }

    /// <summary>Completes -Id and -TokenId with the ids of the connected tenant's ADE tokens; the names show beside them.</summary>
    public sealed class AdeTokenIdCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
            => Ids(CompletionCache.Tokens(), word);
    }

    /// <summary>Completes a profile id with the enrollment profiles of the token given by -TokenId on the same command line.</summary>
    public sealed class AdeProfileIdCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
        {
            var tokenId = BoundTokenId(fakeBoundParameters);
            return tokenId is null ? Enumerable.Empty<CompletionResult>() : Ids(CompletionCache.Profiles(tokenId), word);
        }
    }

    /// <summary>Completes a profile name with the enrollment profiles of the token given by -TokenId on the same command line.</summary>
    public sealed class AdeProfileNameCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
        {
            var tokenId = BoundTokenId(fakeBoundParameters);
            return tokenId is null ? Enumerable.Empty<CompletionResult>() : Names(CompletionCache.Profiles(tokenId), word);
        }
    }
}
