using System.Collections.Generic;

namespace AdeTokens.Health
{
    /// <summary>A documented cause to check when a code is unmapped, ranked by the token's expiry state.</summary>
    public sealed class UnmappedSyncErrorCause
    {
        private readonly IReadOnlyDictionary<TokenExpiryState, int> _rank;
        private readonly IReadOnlyDictionary<string, string> _check;

        internal UnmappedSyncErrorCause(string id, string title, IReadOnlyList<SyncErrorEntry> errors, IReadOnlyDictionary<TokenExpiryState, int> rank, IReadOnlyDictionary<string, string> check, SyncErrorSource source)
        {
            Id = id; Title = title; Errors = errors; _rank = rank; _check = check; Source = source;
        }

        /// <summary>Stable key.</summary>
        public string Id { get; }
        /// <summary>Short name of the cause.</summary>
        public string Title { get; }
        /// <summary>The documented errors this cause covers.</summary>
        public IReadOnlyList<SyncErrorEntry> Errors { get; }
        /// <summary>Where the cause comes from.</summary>
        public SyncErrorSource Source { get; }

        /// <summary>1 = most likely for a token in that state.</summary>
        public int RankFor(TokenExpiryState state) => _rank.TryGetValue(state, out var r) ? r : int.MaxValue;

        /// <summary>
        /// The check template for a token in that state. Placeholders: {expiry}, {appleId}, {tokenId},
        /// {tokenName}, {code}, {lastTriggered}.
        /// </summary>
        public string CheckTemplateFor(TokenExpiryState state)
        {
            var key = state.ToString().ToLowerInvariant();
            return _check.TryGetValue(key, out var text) ? text : _check["any"];
        }

        /// <inheritdoc />
        public override string ToString() => Title;
    }
}
