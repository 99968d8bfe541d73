using System;
using System.Threading;

namespace AdeTokens.Graph
{
    /// <summary>
    /// What the Graph layer tells the cmdlet that is waiting on it: retries, waits for the budget, pages read.
    /// The listener belongs to one async flow (the cmdlet's), so parallel runspaces never hear each other, and
    /// it posts to the pipeline thread rather than writing. Messages name methods, paths and request-ids only:
    /// never headers, bodies or query strings that could carry a secret.
    /// </summary>
    public static class GraphActivity
    {
        private static readonly AsyncLocal<Action<string>?> s_verbose = new AsyncLocal<Action<string>?>();

        /// <summary>The verbose listener for the current async flow; null when nobody asked for -Verbose.</summary>
        public static Action<string>? Verbose
        {
            get => s_verbose.Value;
            set => s_verbose.Value = value;
        }

        /// <summary>Tells the current flow's listener, if any.</summary>
        public static void Say(string message) => s_verbose.Value?.Invoke(message);

        /// <summary>A request as it may be shown: method and path, no query string (skiptokens are long and opaque).</summary>
        public static string Describe(string method, Uri? uri)
            => uri is null ? method : $"{method} {uri.GetLeftPart(UriPartial.Path)}";
    }
}
