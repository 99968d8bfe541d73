using System;
using AdeTokens.Health;

namespace AdeTokens.Tests.Reporting
{
    internal static class ReportData
    {
        public static readonly DateTimeOffset At = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        public static HealthResult Result(string name, HealthStatus status, int? days, params HealthFinding[] findings) => new HealthResult
        {
            TokenId = "id-" + name,
            TokenName = name,
            TenantId = "tenant-1",
            Status = status,
            DaysUntilExpiry = days,
            ExpirationDateTime = days.HasValue ? At.AddDays(days.Value) : (DateTimeOffset?)null,
            LastSuccessfulSyncDateTime = At.AddHours(-2),
            EvaluatedAt = At,
            Findings = findings,
        };

        public static HealthFinding Finding(string code, FindingSeverity severity, string message = "Something is wrong.", string? help = HelpLinks.RenewAdeToken)
            => new HealthFinding { Code = code, Severity = severity, Message = message, Remediation = new[] { "Do this first.", "Then this." }, HelpUri = help };

        public static HealthResult[] Mixed() => new[]
        {
            Result("Healthy ABM", HealthStatus.Healthy, 200),
            Result("Warn ABM", HealthStatus.Warning, 20, Finding(HealthFindingCodes.TokenExpiringSoon, FindingSeverity.Warning, "Expires in 20 days.")),
            Result("Expired ASM", HealthStatus.Critical, -3,
                Finding(HealthFindingCodes.TokenExpired, FindingSeverity.Critical, "Expired 3 days ago."),
                Finding(HealthFindingCodes.SyncFailed, FindingSeverity.Critical, "Sync failed.", HelpLinks.SyncTokenErrors)),
        };
    }
}
