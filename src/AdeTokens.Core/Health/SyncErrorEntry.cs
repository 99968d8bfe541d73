using System.Collections.Generic;

namespace AdeTokens.Health
{
    /// <summary>One sync error Microsoft documents, with its fix.</summary>
    public sealed class SyncErrorEntry
    {
        internal SyncErrorEntry(string id, string message, string cause, string[] fix, string fixableBy, string? appleEquivalent, string helpUri, SyncErrorSource source)
        {
            Id = id; Message = message; Cause = cause; Fix = fix; FixableBy = fixableBy; AppleEquivalent = appleEquivalent; HelpUri = helpUri; Source = source;
        }

        /// <summary>Stable key.</summary>
        public string Id { get; }
        /// <summary>The error text as the Intune admin center shows it.</summary>
        public string Message { get; }
        /// <summary>Microsoft's explanation.</summary>
        public string Cause { get; }
        /// <summary>Microsoft's fix, in order.</summary>
        public IReadOnlyList<string> Fix { get; }
        /// <summary>Who is able to apply the fix (some need an ABM/ASM Administrator, some only Microsoft).</summary>
        public string FixableBy { get; }
        /// <summary>The matching error on Apple's side, when there is one.</summary>
        public string? AppleEquivalent { get; }
        /// <summary>Microsoft Learn page for the fix.</summary>
        public string HelpUri { get; }
        /// <summary>Where the entry comes from.</summary>
        public SyncErrorSource Source { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
