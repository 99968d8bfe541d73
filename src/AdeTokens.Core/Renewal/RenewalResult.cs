using System;

namespace AdeTokens
{
    /// <summary>The outcome of Update-AdeToken or Start-AdeTokenRenewal. Never contains the server token itself.</summary>
    public sealed class RenewalResult
    {
        /// <summary>The token.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>The token's name.</summary>
        public string? TokenName { get; set; }
        /// <summary>The Apple ID sent with the upload.</summary>
        public string? AppleId { get; set; }
        /// <summary>Expiry before the upload.</summary>
        public DateTimeOffset? PreviousExpirationDateTime { get; set; }
        /// <summary>Expiry Intune reports after the upload.</summary>
        public DateTimeOffset? ExpirationDateTime { get; set; }
        /// <summary>Whole days until the new expiry.</summary>
        public int? DaysUntilExpiry { get; set; }
        /// <summary>The server token file uploaded.</summary>
        public string? TokenFile { get; set; }
        /// <summary>Who the file was encrypted for (public certificate data), and how it matched.</summary>
        public string? RecipientCheck { get; set; }
        /// <summary>The sync after the renewal (Start-AdeTokenRenewal).</summary>
        public RenewalSyncState Sync { get; set; } = RenewalSyncState.NotRequested;
        /// <summary>The sync's error code when it failed.</summary>
        public int? SyncErrorCode { get; set; }
        /// <summary>The token's status after everything.</summary>
        public TokenStatus? Token { get; set; }
        /// <summary>The health finding for a failed sync.</summary>
        public HealthFinding? Finding { get; set; }
        /// <summary>When the upload was confirmed.</summary>
        public DateTimeOffset RenewedAt { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{TokenName} ({TokenId}): expires {(ExpirationDateTime.HasValue ? InvariantText.Day(ExpirationDateTime.Value) : "unknown")}";
    }
}
