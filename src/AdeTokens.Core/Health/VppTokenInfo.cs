using System;

namespace AdeTokens.Health
{
    /// <summary>
    /// One Apple VPP token as the health rules and reports see it. It deliberately has no property for the
    /// token value itself: that is a secret, and a type without it cannot leak it into a stream or a report.
    /// </summary>
    public sealed class VppTokenInfo
    {
        /// <summary>vppToken id.</summary>
        public string Id { get; set; } = string.Empty;
        /// <summary>Display name, as the admin center shows it.</summary>
        public string? DisplayName { get; set; }
        /// <summary>The ABM/ASM organization the token belongs to.</summary>
        public string? OrganizationName { get; set; }
        /// <summary>Apple ID the token was created with.</summary>
        public string? AppleId { get; set; }
        /// <summary>Graph's vppTokenState: unknown, valid, expired, invalid or assignedToExternalMDM.</summary>
        public string? State { get; set; }
        /// <summary>When the VPP token expires.</summary>
        public DateTimeOffset? ExpirationDateTime { get; set; }
        /// <summary>Graph's vppTokenSyncStatus: none, inProgress, completed or failed.</summary>
        public string? LastSyncStatus { get; set; }
        /// <summary>Last sync with Apple.</summary>
        public DateTimeOffset? LastSyncDateTime { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{DisplayName ?? Id} ({State ?? "unknown"})";
    }
}
