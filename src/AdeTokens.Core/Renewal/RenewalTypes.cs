using System;
using AdeTokens.Renewal;

namespace AdeTokens
{
    /// <summary>An ADE token's encryption public key, as Get-AdeTokenPublicKey shows it. Public data only.</summary>
    public sealed class EncryptionPublicKeyInfo
    {
        /// <summary>The token.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>The token's name.</summary>
        public string? TokenName { get; set; }
        /// <summary>The key as PEM text with \n line endings: the file to upload to the MDM server in ABM/ASM.</summary>
        public string Pem { get; set; } = string.Empty;
        /// <summary>The format Graph returned the key in (PemCertificate, Base64Der, …): Graph does not document it.</summary>
        public string Format { get; set; } = string.Empty;
        /// <summary>Certificate subject (null for a bare public key).</summary>
        public string? Subject { get; set; }
        /// <summary>Certificate issuer.</summary>
        public string? Issuer { get; set; }
        /// <summary>Certificate serial number (hex).</summary>
        public string? SerialNumber { get; set; }
        /// <summary>SHA-1 thumbprint.</summary>
        public string? Thumbprint { get; set; }
        /// <summary>Start of validity (UTC).</summary>
        public DateTime? NotBefore { get; set; }
        /// <summary>End of validity (UTC).</summary>
        public DateTime? NotAfter { get; set; }
        /// <summary>Key algorithm, e.g. RSA.</summary>
        public string? KeyAlgorithm { get; set; }
        /// <summary>Subject key identifier (hex), or the one computed from the key.</summary>
        public string? KeyIdentifier { get; set; }
        /// <summary>Where the PEM was written (-OutFile), or null.</summary>
        public string? Path { get; set; }

        /// <summary>Builds the view of <paramref name="key"/>.</summary>
        public static EncryptionPublicKeyInfo From(EncryptionPublicKey key, string tokenId, string? tokenName, string? path)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            return new EncryptionPublicKeyInfo
            {
                TokenId = tokenId,
                TokenName = tokenName,
                Pem = key.ToPem(),
                Format = key.Format,
                Subject = key.Subject,
                Issuer = key.Issuer,
                SerialNumber = key.SerialNumber,
                Thumbprint = key.Thumbprint,
                NotBefore = key.NotBefore.ToUniversalTime(),
                NotAfter = key.NotAfter.ToUniversalTime(),
                KeyAlgorithm = key.KeyAlgorithm,
                KeyIdentifier = key.SubjectKeyIdentifier ?? key.KeyIdentifier,
                Path = path,
            };
        }

        /// <inheritdoc />
        public override string ToString() => Subject ?? KeyIdentifier ?? TokenId;
    }

    /// <summary>What happened to the sync after a renewal.</summary>
    public enum RenewalSyncState : long
    {
        /// <summary>No sync was requested (Update-AdeToken).</summary>
        NotRequested,
        /// <summary>A sync was requested less than 15 minutes ago, so none was sent.</summary>
        TooSoon,
        /// <summary>Requested and finished successfully.</summary>
        Succeeded,
        /// <summary>Requested and finished with an error code.</summary>
        Failed,
        /// <summary>Requested, but no result within the wait.</summary>
        TimedOut,
        /// <summary>The request itself failed.</summary>
        RequestFailed,
    }

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
