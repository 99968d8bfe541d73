using System;

namespace AdeTokens.Reporting
{
    /// <summary>
    /// One thing that expires: an ADE token, the APNs certificate or a VPP token, with the status a reader should
    /// see. For ADE tokens the status is the token's health verdict; for Apple tokens it is the worst of the
    /// findings aimed at them and of their own state and days left.
    /// </summary>
    public sealed class ReportItem
    {
        /// <summary>What it is.</summary>
        public ReportItemKind Kind { get; set; }
        /// <summary>The id (token id, VPP token id, or "applePushNotificationCertificate").</summary>
        public string Id { get; set; } = string.Empty;
        /// <summary>The name to show.</summary>
        public string Name { get; set; } = string.Empty;
        /// <summary>The tenant it belongs to.</summary>
        public string? TenantId { get; set; }
        /// <summary>Its state as Graph reports it (VPP state, "missing" for an absent APNs certificate); null for ADE tokens.</summary>
        public string? State { get; set; }
        /// <summary>Healthy, Warning or Critical.</summary>
        public HealthStatus Status { get; set; }
        /// <summary>When it expires; null when unknown.</summary>
        public DateTimeOffset? ExpirationDateTime { get; set; }
        /// <summary>Whole days left, by the same rule as HealthResult.DaysUntilExpiry; negative once expired.</summary>
        public int? DaysUntilExpiry { get; set; }
        /// <summary>The Apple ID it was created with (renewal needs the same one).</summary>
        public string? AppleId { get; set; }
        /// <summary>One line of extra context (VPP organization and last sync, for example).</summary>
        public string? Detail { get; set; }

        /// <summary>"ADE token", "APNs certificate", "VPP token".</summary>
        public string KindLabel => Kind == ReportItemKind.AdeToken ? "ADE token" : Kind == ReportItemKind.ApnsCertificate ? "APNs certificate" : "VPP token";

        /// <summary>"in 12 days", "today", "3 days ago", "no expiry date".</summary>
        public string DaysText => !DaysUntilExpiry.HasValue ? "no expiry date"
            : DaysUntilExpiry.Value < 0 ? Plural(-DaysUntilExpiry.Value, "day") + " ago"
            : DaysUntilExpiry.Value == 0 ? "0 days left"
            : Plural(DaysUntilExpiry.Value, "day") + " left";

        internal static string Plural(int n, string unit) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (n == 1 ? unit : unit + "s");

        /// <inheritdoc />
        public override string ToString() => $"{KindLabel} {Name}: {Status} ({DaysText})";
    }
}
