using System;
using System.Collections.Generic;

namespace AdeTokens.Health
{
    // Everything a rule may look at, with dates normalised once (0001-01-01 -> null) so no rule can
    // mistake Intune's "never" for a real date.
    internal sealed class RuleContext
    {
        public RuleContext(TokenStatus token, DateTimeOffset asOf, HealthOptions options, TenantFacts? tenant, ProfileFacts? profiles, DeviceFacts? devices, SyncErrorCatalog catalog)
        {
            Token = token;
            AsOf = asOf;
            Options = options;
            Tenant = tenant;
            Profiles = profiles is { Checked: true } ? profiles : null;
            Devices = devices;
            Catalog = catalog;
            Expiry = TokenStatusBuilder.Never(token.ExpirationDateTime);
            DaysUntilExpiry = Expiry.HasValue ? TokenStatusBuilder.DaysUntil(Expiry.Value, asOf) : (int?)null;
            ExpiryState = !Expiry.HasValue ? TokenExpiryState.Unknown : Expiry.Value <= asOf ? TokenExpiryState.Expired : TokenExpiryState.Valid;
            LastSuccess = TokenStatusBuilder.Never(token.LastSuccessfulSyncDateTime);
            LastTriggered = TokenStatusBuilder.Never(token.LastSyncTriggeredDateTime);
            LastModified = TokenStatusBuilder.Never(token.LastModifiedDateTime);
            TokenId = token.Id ?? string.Empty;
            Label = string.IsNullOrWhiteSpace(token.Name) ? $"the token {TokenId}" : $"the token '{token.Name}'";
            AppleIdText = string.IsNullOrWhiteSpace(token.AppleId)
                ? "the Apple ID that created the original token (Intune reports none for this token)"
                : token.AppleId!;
        }

        public TokenStatus Token { get; }
        public DateTimeOffset AsOf { get; }
        public HealthOptions Options { get; }
        public TenantFacts? Tenant { get; }
        public ProfileFacts? Profiles { get; }
        public DeviceFacts? Devices { get; }
        public SyncErrorCatalog Catalog { get; }
        public DateTimeOffset? Expiry { get; }
        public int? DaysUntilExpiry { get; }
        public TokenExpiryState ExpiryState { get; }
        public DateTimeOffset? LastSuccess { get; }
        public DateTimeOffset? LastTriggered { get; }
        public DateTimeOffset? LastModified { get; }
        public string TokenId { get; }
        public string Label { get; }
        public string AppleIdText { get; }
        /// <summary>What could not be checked (each with the reason and request-id), for CheckIncomplete.</summary>
        public IReadOnlyList<string> Incomplete { get; set; } = Array.Empty<string>();

        // Microsoft's troubleshooting article, "ADE enrollment doesn't start" (SupportArticles-docs @6c5013e).
        public const string EnrollmentDoesNotStartStep = "If ADE enrollment doesn't start on a device at all, check when its enrollment profile was created: a profile created before the token was uploaded needs an edit. Open the profile, save it (any change), then sync the token.";

        public string TokenPath => $"In the Intune admin center, go to Devices > Enrollment > Apple > Enrollment program tokens and select {Label}";

        public string SyncStep => $"{TokenPath}, then select Devices > Sync. Intune allows one manual sync every {Options.ManualSyncIntervalMinutes} minutes, and each sync has up to 15 minutes to finish.";

        public HealthFinding Finding(string code, FindingSeverity severity, string message, IEnumerable<string> remediation, string helpUri, string? target = null, string? evidence = null)
            => new HealthFinding
            {
                Code = code,
                Severity = severity,
                Message = message,
                Remediation = new List<string>(remediation).ToArray(),
                HelpUri = helpUri,
                Target = target ?? TokenId,
                TokenId = TokenId,
                Evidence = evidence,
            };

        // Ticks, not TimeSpan.FromHours: FromHours rounds to whole milliseconds on .NET Framework.
        public static TimeSpan Hours(double hours) => TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour));
    }
}
