using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Health;

namespace AdeTokens.Reporting
{
    internal static class ReportItems
    {
        public static ReportItem FromResult(HealthResult r) => new ReportItem
        {
            Kind = ReportItemKind.AdeToken,
            Id = r.TokenId,
            Name = HealthReport.Label(r),
            TenantId = r.TenantId,
            Status = r.Status,
            ExpirationDateTime = r.ExpirationDateTime,
            DaysUntilExpiry = r.DaysUntilExpiry,
            AppleId = r.AppleId,
        };

        /// <summary>The APNs certificate and VPP tokens of each tenant once, from the first result of that tenant that carries them.</summary>
        public static List<ReportItem> Apple(IReadOnlyList<HealthResult> results, DateTimeOffset asOf)
        {
            var items = new List<ReportItem>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in results)
            {
                var t = r.Tenant;
                if (t is null || (!t.ApnsChecked && !t.VppChecked)) continue;
                if (!seen.Add(r.TenantId ?? string.Empty)) continue;
                var findings = results.Where(x => string.Equals(x.TenantId, r.TenantId, StringComparison.OrdinalIgnoreCase))
                    .SelectMany(HealthReport.FindingsOf).ToList();
                if (t.ApnsChecked) items.Add(Apns(r.TenantId, t, findings, asOf));
                if (t.VppChecked)
                    foreach (var v in t.VppTokens ?? Array.Empty<VppTokenInfo>())
                        if (v != null) items.Add(Vpp(r.TenantId, v, findings, asOf));
            }
            return items;
        }

        private static ReportItem Apns(string? tenant, TenantFacts t, List<HealthFinding> findings, DateTimeOffset asOf)
        {
            var expiry = TokenStatusBuilder.Never(t.ApnsCertificateExpiration);
            var days = expiry.HasValue ? TokenStatusBuilder.DaysUntil(expiry.Value, asOf) : (int?)null;
            var status = !t.ApnsCertificatePresent ? HealthStatus.Critical : ByDays(days, unknownIsWarning: true);
            status = Max(status, Worst(findings, ApnsRules.Target));
            return new ReportItem
            {
                Kind = ReportItemKind.ApnsCertificate,
                Id = ApnsRules.Target,
                Name = "Apple MDM push certificate",
                TenantId = tenant,
                State = !t.ApnsCertificatePresent ? "missing" : days < 0 ? "expired" : "present",
                Status = status,
                ExpirationDateTime = expiry,
                DaysUntilExpiry = days,
                AppleId = t.ApnsAppleId,
            };
        }

        private static ReportItem Vpp(string? tenant, VppTokenInfo v, List<HealthFinding> findings, DateTimeOffset asOf)
        {
            var expiry = TokenStatusBuilder.Never(v.ExpirationDateTime);
            var days = expiry.HasValue ? TokenStatusBuilder.DaysUntil(expiry.Value, asOf) : (int?)null;
            var state = v.State;
            var status = ByDays(days, unknownIsWarning: false);
            if (string.Equals(state, "expired", StringComparison.OrdinalIgnoreCase) || string.Equals(state, "invalid", StringComparison.OrdinalIgnoreCase)
                || string.Equals(state, "assignedToExternalMDM", StringComparison.OrdinalIgnoreCase))
                status = HealthStatus.Critical;
            else if (string.Equals(v.LastSyncStatus, "failed", StringComparison.OrdinalIgnoreCase))
                status = Max(status, HealthStatus.Warning);
            status = Max(status, Worst(findings, v.Id));
            var detail = new List<string>();
            if (!string.IsNullOrWhiteSpace(v.OrganizationName)) detail.Add(v.OrganizationName!);
            if (!string.IsNullOrWhiteSpace(v.LastSyncStatus))
                detail.Add("last sync " + v.LastSyncStatus + (v.LastSyncDateTime.HasValue ? " " + InvariantText.UtcCell(v.LastSyncDateTime.Value) : string.Empty));
            return new ReportItem
            {
                Kind = ReportItemKind.VppToken,
                Id = v.Id,
                Name = string.IsNullOrWhiteSpace(v.DisplayName) ? (string.IsNullOrWhiteSpace(v.OrganizationName) ? v.Id : v.OrganizationName!) : v.DisplayName!,
                TenantId = tenant,
                State = state,
                Status = status,
                ExpirationDateTime = expiry,
                DaysUntilExpiry = days,
                AppleId = v.AppleId,
                Detail = detail.Count == 0 ? null : string.Join("; ", detail),
            };
        }

        // The default thresholds: the report does not know which -WarningDays/-CriticalDays the check used, and
        // findings aimed at the item (which do) override upward.
        private static HealthStatus ByDays(int? days, bool unknownIsWarning)
        {
            if (!days.HasValue) return unknownIsWarning ? HealthStatus.Warning : HealthStatus.Healthy;
            var o = new HealthOptions();
            return days.Value <= o.CriticalDays ? HealthStatus.Critical : days.Value <= o.WarningDays ? HealthStatus.Warning : HealthStatus.Healthy;
        }

        private static HealthStatus Worst(IEnumerable<HealthFinding> findings, string target)
        {
            var s = HealthStatus.Healthy;
            foreach (var f in findings)
            {
                if (!string.Equals(f.Target, target, StringComparison.OrdinalIgnoreCase)) continue;
                if (f.Severity == FindingSeverity.Critical) return HealthStatus.Critical;
                if (f.Severity == FindingSeverity.Warning) s = HealthStatus.Warning;
            }
            return s;
        }

        private static HealthStatus Max(HealthStatus a, HealthStatus b) => a >= b ? a : b;
    }
}
