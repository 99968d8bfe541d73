using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using AdeTokens.Graph;

namespace AdeTokens
{
    /// <summary>
    /// The Graph connection of each runspace. Per runspace rather than per process, so
    /// ForEach-Object -Parallel over several tenants keeps each tenant's connection apart.
    /// </summary>
    internal static class SessionStore
    {
        private sealed class Holder
        {
            public AdeGraphConnection? Connection;
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> s_table = new ConditionalWeakTable<Runspace, Holder>();

        public static AdeGraphConnection? Current
        {
            get
            {
                var rs = Runspace.DefaultRunspace;
                return rs != null && s_table.TryGetValue(rs, out var h) ? h.Connection : null;
            }
        }

        /// <summary>Sets the connection of the current runspace and returns the one it replaced.</summary>
        public static AdeGraphConnection? Set(AdeGraphConnection? connection)
        {
            var rs = Runspace.DefaultRunspace;
            if (rs is null) return null;
            var h = s_table.GetValue(rs, _ => new Holder());
            var old = h.Connection;
            h.Connection = connection;
            return old;
        }
    }
}
