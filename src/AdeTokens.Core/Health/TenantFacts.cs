using System;

namespace AdeTokens.Health
{
    /// <summary>
    /// Tenant-wide facts that decide whether any ADE device can enroll. They are attached to every token's
    /// result because a token can be perfect and still enroll nothing without a valid Apple MDM push certificate.
    /// </summary>
    public sealed class TenantFacts
    {
        /// <summary>
        /// Whether the APNs certificate was looked up. False (the default) means no APNs findings at all, so an
        /// object built without a lookup can't raise a false ApnsCertificateMissing.
        /// </summary>
        public bool ApnsChecked { get; set; }
        /// <summary>Whether the tenant has an Apple MDM push certificate.</summary>
        public bool ApnsCertificatePresent { get; set; }
        /// <summary>When the certificate expires.</summary>
        public DateTimeOffset? ApnsCertificateExpiration { get; set; }
        /// <summary>Apple ID that created the certificate; renewal must use the same one.</summary>
        public string? ApnsAppleId { get; set; }

        /// <summary>Whether the tenant's VPP tokens were read. False means no Company Portal VPP findings.</summary>
        public bool VppChecked { get; set; }
        /// <summary>The tenant's VPP tokens (without their secret values), for the Company Portal rules and reports.</summary>
        public System.Collections.Generic.IReadOnlyList<VppTokenInfo> VppTokens { get; set; } = Array.Empty<VppTokenInfo>();

        /// <summary>
        /// Why the VPP tokens could not be read (VppChecked is then false), without any secret. Profiles that name a
        /// VPP token then get CheckIncomplete rather than silence.
        /// </summary>
        public string? VppReadError { get; set; }

        /// <summary>Facts from an APNs lookup (sets ApnsChecked).</summary>
        public static TenantFacts FromApns(bool present, DateTimeOffset? expiration, string? appleId) => new TenantFacts
        {
            ApnsChecked = true,
            ApnsCertificatePresent = present,
            ApnsCertificateExpiration = TokenStatusBuilder.Never(expiration),
            ApnsAppleId = appleId,
        };

        /// <inheritdoc />
        public override string ToString()
            => !ApnsChecked ? "APNs not checked"
             : !ApnsCertificatePresent ? "APNs certificate missing"
             : $"APNs certificate expires {(ApnsCertificateExpiration.HasValue ? InvariantText.Day(ApnsCertificateExpiration.Value) : "(unknown)")}";
    }
}
