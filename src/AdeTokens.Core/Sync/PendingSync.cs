using System;
using AdeTokens.Graph.Models;
namespace AdeTokens.Sync
{
    /// <summary>A sync that was requested and is being waited for.</summary>
    public sealed class PendingSync
    {
        /// <summary>Creates the entry from the token as it was read just before the request.</summary>
        public PendingSync(DepOnboardingSetting before, DateTimeOffset requestedAt)
        {
            Before = before ?? throw new ArgumentNullException(nameof(before));
            RequestedAt = requestedAt;
        }

        /// <summary>The token id.</summary>
        public string TokenId => Before.Id ?? string.Empty;
        /// <summary>The token name.</summary>
        public string? TokenName => Before.TokenName;
        /// <summary>The token before the sync request: the baseline for "changed".</summary>
        public DepOnboardingSetting Before { get; }
        /// <summary>When the request was sent (local clock).</summary>
        public DateTimeOffset RequestedAt { get; }
        /// <summary>"'Name' (id)" for messages.</summary>
        public string Label => string.IsNullOrWhiteSpace(TokenName) ? $"ADE token {TokenId}" : $"ADE token '{TokenName}' ({TokenId})";
    }
}
